import type { Core, UID } from '@strapi/strapi';
import type { ArticleRef } from '../contracts/panels';

interface Params {
  documentId?: string;
  locale?: string;
  status?: 'draft' | 'published';
  filters?: Record<string, unknown>;
  fields?: string[];
  populate?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

interface Documents {
  findOne(params: Params): Promise<Record<string, unknown> | null>;
  findMany(params: Params): Promise<Array<Record<string, unknown>>>;
  update(params: Params): Promise<unknown>;
  publish(params: Params): Promise<unknown>;
}

/**
 * The Document Service for the plugin's own types, typed by what the panels read: the plugin has
 * no generated schema types, so Strapi cannot type their attributes itself.
 */
export const documentsOf = (strapi: Core.Strapi, uid: string): Documents => strapi.documents(uid as UID.ContentType) as unknown as Documents;

/** `{ set }` of a relation to articles of one locale, in the given order. */
export const setArticles = (documentIds: string[], locale: string) => ({ set: documentIds.map((documentId) => ({ documentId, locale })) });

/** Reads `{ documentId, title }` refs out of a populated relation. */
export const refsOf = (value: unknown): ArticleRef[] =>
  Array.isArray(value) ? value.map((item: { documentId: string; title?: string }) => ({ documentId: item.documentId, title: item.title ?? '' })) : [];

/** Titles and slugs of articles of a locale (draft rows: every article has one). */
export const articleTitles = async (
  strapi: Core.Strapi,
  uid: string,
  documentIds: string[],
  locale: string,
): Promise<Map<string, { title: string; slug: string }>> => {
  if (documentIds.length === 0) return new Map();
  const rows = await documentsOf(strapi, uid).findMany({ locale, filters: { documentId: { $in: documentIds } }, fields: ['title', 'slug'] });
  return new Map(rows.map((row) => [String(row.documentId), { title: String(row.title ?? ''), slug: String(row.slug ?? '') }]));
};
