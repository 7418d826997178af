import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../validation';
import { recommendationQuery } from '../validators';
import { readerOf, sendAnswer } from './reads';

const recommendations = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /recommendations?article=SLUG&seen=ID,ID&limit=N`: what the page recommends, with the reader's history. */
  async find(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { article, seen, limit, locale } = validate(recommendationQuery, ctx.query, 'query');
    const answer = await reader.recommendations({ article, seen, limit: limit ?? reader.recommendationLimit, locale: reader.localeOf(locale) });
    sendAnswer(ctx, reader, answer, 'No published article with this slug in this locale');
  },
});

export default recommendations;
