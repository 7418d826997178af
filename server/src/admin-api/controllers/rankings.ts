import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { RecomputeRankings } from '../../contracts/panels';
import { getService } from '../../services/access';
import { validate } from '../../validation';
import { localeBody, rulesBody } from '../validators';
import { panelActions } from './panel';

/** The Ranking edit view's panel. */
const adminRankings = ({ strapi }: { strapi: Core.Strapi }) => {
  const panel = () => getService(strapi, 'rankingPanel');

  return {
    ...panelActions(strapi, panel, rulesBody),

    /** Every automatic ranking is recomputed together: one run, whichever panel asked. */
    async recompute(ctx: Context): Promise<void> {
      validate(localeBody, ctx.request.body, 'body');
      ctx.body = { data: { recomputed: await panel().recompute() } } satisfies RecomputeRankings.Response;
    },
  };
};

export default adminRankings;
