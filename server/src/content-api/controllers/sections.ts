import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../validation';
import { localeQuery, sectionQuery, slugParams } from '../validators';
import { readerOf, sendAnswer } from './reads';

const sections = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /sections`: the section tree of a locale. */
  async find(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { locale } = validate(localeQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.sections(reader.localeOf(locale)), 'No sections');
  },

  /** `GET /sections/:slug`: a section, its breadcrumb and its latest articles, a page at a time. */
  async findOne(ctx: Context): Promise<void> {
    const reader = readerOf(strapi);
    const { slug } = validate(slugParams, { slug: ctx.params.slug }, 'section slug');
    const { locale, page, pageSize } = validate(sectionQuery, ctx.query, 'query');
    sendAnswer(ctx, reader, await reader.section(slug, reader.localeOf(locale), page, pageSize), 'No section with this slug in this locale');
  },
});

export default sections;
