import type { Core } from '@strapi/strapi';
import type Joi from 'joi';
import type { Context } from 'koa';
import type { Localized, Rules } from '../../contracts/panels';
import { validate } from '../../validation';
import { documentParams, localeQuery } from '../validators';
import { localeOr } from './locale';

interface PanelService<Body extends Localized & Rules, Data> {
  find(documentId: string, locale: string): Promise<Data>;
  updateRules(documentId: string, locale: string, rules: Omit<Body, 'locale'>): Promise<Data>;
}

export const documentIdOf = (ctx: Context): string => validate(documentParams, { documentId: ctx.params.documentId }, 'document id').documentId;

/** Reading a side panel and replacing its rules (each with its own schema): the same for articles and rankings. */
export const panelActions = <Body extends Localized & Rules, Data>(
  strapi: Core.Strapi,
  panel: () => PanelService<Body, Data>,
  schema: Joi.ObjectSchema<Body>,
) => ({
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
