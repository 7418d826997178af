import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { RecomputeRelated } from '../../contracts/panels';
import { getService } from '../../services/access';
import { validate } from '../../validation';
import { articleRulesBody, localeBody } from '../validators';
import { localeOr } from './locale';
import { documentIdOf, panelActions } from './panel';

/** The Article edit view's Related panel. */
const adminRelated = ({ strapi }: { strapi: Core.Strapi }) => {
  const panel = () => getService(strapi, 'relatedPanel');

  return {
    ...panelActions(strapi, panel, articleRulesBody),

    async recompute(ctx: Context): Promise<void> {
      const documentId = documentIdOf(ctx);
      const { locale } = validate(localeBody, ctx.request.body, 'body');
      ctx.body = { data: await panel().recompute(documentId, await localeOr(strapi, locale)) } satisfies RecomputeRelated.Response;
    },
  };
};

export default adminRelated;
