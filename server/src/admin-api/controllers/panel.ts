import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../content-api/validators';
import { documentParams, localeQuery, rulesBody, type RulesBody } from '../validators';
import { localeOr } from './locale';

interface PanelService {
  find(documentId: string, locale: string): Promise<unknown>;
  updateRules(documentId: string, locale: string, rules: Omit<RulesBody, 'locale'>): Promise<unknown>;
}

export const documentIdOf = (ctx: Context): string => validate(documentParams, { documentId: ctx.params.documentId }, 'document id').documentId;

/** Reading a side panel and replacing its pins and exclusions: the same for articles and rankings. */
export const panelActions = (strapi: Core.Strapi, panel: () => PanelService) => ({
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
});
