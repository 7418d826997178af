import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../validation';
import { articleListQuery, localeQuery, pageQuery, slugParams } from '../validators';
import { readerOf, sendAnswer } from './reads';

const NOT_FOUND = 'No published article with this slug in this locale';

const articles = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /articles`: published articles, filtered by section and tag, newest or most viewed first. */
  async find(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { locale, ...query } = validate(articleListQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.articles({ ...query, locale: reader.localeOf(locale) }), 'No articles');
  },

  /** `GET /articles/:slug`: the article with its breadcrumb, counts and related list. */
  async findOne(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { slug } = validate(slugParams, { slug: ctx.params.slug }, 'article slug');
    const { locale } = validate(localeQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.article(slug, reader.localeOf(locale)), NOT_FOUND);
  },

  /** `GET /articles/:slug/page`: everything the article page shows, in one answer. */
  async page(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { slug } = validate(slugParams, { slug: ctx.params.slug }, 'article slug');
    const { locale, fill } = validate(pageQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.page(slug, reader.localeOf(locale), fill), NOT_FOUND);
  },

  /** `GET /articles/:slug/story`: the article's story, its published articles oldest first. */
  async story(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { slug } = validate(slugParams, { slug: ctx.params.slug }, 'article slug');
    const { locale } = validate(localeQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.story(slug, reader.localeOf(locale)), NOT_FOUND);
  },
});

export default articles;
