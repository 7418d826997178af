import type { Core } from '@strapi/strapi';
import type Joi from 'joi';
import type { Context } from 'koa';
import { validate } from '../../content-api/validators';
import { documentParams, localeQuery, type RulesBody } from '../validators';
import { localeOr } from './locale';

interface PanelService<Rules extends RulesBody> {
  find(documentId: string, locale: string): Promise<unknown>;
  updateRules(documentId: string, locale: string, rules: Omit<Rules, 'locale'>): Promise<unknown>;
}

export const documentIdOf = (ctx: Context): string => validate(documentParams, { documentId: ctx.params.documentId }, 'document id').documentId;

/** Reading a side panel and replacing its rules (each with its own schema): the same for articles and rankings. */
export const panelActions = <Rules extends RulesBody>(strapi: Core.Strapi, panel: () => PanelService<Rules>, schema: Joi.ObjectSchema<Rules>) => ({
  async find(ctx: Context): Promise<void> {
    const documentId = documentIdOf(ctx);
    const { locale } = validate(localeQuery, ctx.query, 'query');
    ctx.body = { data: await panel().find(documentId, await localeOr(strapi, locale)) };
  },

  async updateRules(ctx: Context): Promise<void> {
    const documentId = documentIdOf(ctx);
    const { locale, ...rules } = validate(schema, ctx.request.body, 'rules');
    ctx.body = { data: await panel().updateRules(documentId, await localeOr(strapi, locale), rules) };
  },
});
