import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../content-api/validators';
import type { RelatedPanelService } from '../../services/related-panel';
import { documentParams, localeBody, localeQuery, rulesBody } from '../validators';
import { localeOr } from './locale';

/** The Article edit view's Related panel. */
const adminRelated = ({ strapi }: { strapi: Core.Strapi }) => {
  const panel = () => strapi.plugin('newsroom').service('relatedPanel') as RelatedPanelService;
  const documentIdOf = (ctx: Context): string => validate(documentParams, { documentId: ctx.params.documentId }, 'document id').documentId;

  return {
    async find(ctx: Context): Promise<void> {
      const documentId = documentIdOf(ctx);
      const { locale } = validate(localeQuery, ctx.query, 'query');
      ctx.body = { data: await panel().find(documentId, await localeOr(strapi, locale)) };
    },

    async updateRules(ctx: Context): Promise<void> {
      const documentId = documentIdOf(ctx);
      const { locale, ...rules } = validate(rulesBody, ctx.request.body, 'rules');
      ctx.body = { data: await panel().updateRules(documentId, await localeOr(strapi, locale), rules) };
    },

    async recompute(ctx: Context): Promise<void> {
      const documentId = documentIdOf(ctx);
      const { locale } = validate(localeBody, ctx.request.body, 'body');
      ctx.body = { data: await panel().recompute(documentId, await localeOr(strapi, locale)) };
    },
  };
};

export default adminRelated;
