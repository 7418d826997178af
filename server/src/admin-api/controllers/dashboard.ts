import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetOverview, GetRebuildStatus, GetStats, StartRebuild } from '../../contracts/dashboard';
import { getService } from '../../services/access';
import { validate } from '../../validation';
import { localeBody, localeQuery, statsQuery } from '../validators';

/** The Newsroom page: overview, counters over time, and the related index rebuild. */
const adminDashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const dashboard = () => getService(strapi, 'dashboard');
  const related = () => getService(strapi, 'related');

  return {
    async overview(ctx: Context): Promise<void> {
      const { locale } = validate(localeQuery, ctx.query, 'query');
      ctx.body = { data: await dashboard().overview(locale) } satisfies GetOverview.Response;
    },

    async stats(ctx: Context): Promise<void> {
      const { days, locale } = validate(statsQuery, ctx.query, 'query');
      ctx.body = { data: await dashboard().stats(days, locale) } satisfies GetStats.Response;
    },

    async rebuildStatus(ctx: Context): Promise<void> {
      ctx.body = { data: await related().rebuildStatus() } satisfies GetRebuildStatus.Response;
    },

    async startRebuild(ctx: Context): Promise<void> {
      validate(localeBody, ctx.request.body, 'body');
      ctx.status = 202;
      ctx.body = { data: await related().startRebuild() } satisfies StartRebuild.Response;
    },
  };
};

export default adminDashboard;
