import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID } from '../uids';
import type { ArticleCard, ArticleView, Cover, SectionRef } from './types';

type Row = Record<string, unknown>;
type Where = Record<string, unknown>;

const CARD_FIELDS = ['documentId', 'title', 'slug', 'publicationDate'];
const VIEW_FIELDS = [...CARD_FIELDS, 'locale', 'dek', 'body', 'byline', 'dateline', 'source'];
const SECTION_POPULATE = { section: { select: ['documentId', 'slug', 'name'] } };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const date = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

const sectionOf = (value: unknown): SectionRef | null => {
  if (!value || typeof value !== 'object') return null;
  const row = value as Row;
  return { documentId: String(row.documentId), slug: String(row.slug), name: String(row.name) };
};

/** Copies the whitelisted fields of a row: whatever else the query returned stays behind. */
export const toCard = (row: Row): ArticleCard => ({
  documentId: String(row.documentId),
  title: String(row.title),
  slug: String(row.slug),
  publicationDate: date(row.publicationDate),
  section: sectionOf(row.section),
});

const coverOf = (value: unknown): Cover | null => {
  if (!value || typeof value !== 'object') return null;
  const row = value as Row;
  return { url: String(row.url), alternativeText: text(row.alternativeText), width: number(row.width), height: number(row.height) };
};

const toView = (row: Row): ArticleView => ({
  ...toCard(row),
  locale: String(row.locale),
  dek: text(row.dek),
  body: row.body ?? [],
  byline: text(row.byline),
  dateline: text(row.dateline),
  source: text(row.source),
  cover: coverOf(row.cover),
  tags: (Array.isArray(row.tags) ? (row.tags as Row[]) : []).map((tag) => ({ name: String(tag.name), slug: String(tag.slug) })),
});

export interface ArticleFilter {
  locale: string;
  sectionIds?: string[];
  tag?: string;
}

/**
 * Published articles as the content API shows them, read with Strapi's query engine: fixed
 * fields and populate, the published row of the locale only, whatever the client asked.
 */
export const createArticleReads = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(ARTICLE_UID as UID.Schema);
  const published = (locale: string, where: Where = {}): Where => ({ ...where, locale, publishedAt: { $notNull: true } });
  const filterOf = ({ locale, sectionIds, tag }: ArticleFilter): Where =>
    published(locale, {
      ...(sectionIds ? { section: { documentId: { $in: sectionIds } } } : {}),
      ...(tag ? { tags: { slug: tag } } : {}),
    });

  return {
    async bySlug(slug: string, locale: string): Promise<ArticleView | null> {
      const row = (await query().findOne({
        select: VIEW_FIELDS,
        where: published(locale, { slug }),
        populate: {
          ...SECTION_POPULATE,
          tags: { select: ['name', 'slug'], orderBy: { name: 'asc' } },
          cover: { select: ['url', 'alternativeText', 'width', 'height'] },
        },
      })) as Row | null;
      return row ? toView(row) : null;
    },

    /** Cards of these articles in this order; unpublished or unknown ones are left out. */
    async cards(documentIds: string[], locale: string): Promise<ArticleCard[]> {
      if (documentIds.length === 0) return [];
      const rows = (await query().findMany({
        select: CARD_FIELDS,
        where: published(locale, { documentId: { $in: documentIds } }),
        populate: SECTION_POPULATE,
      })) as Row[];
      const byId = new Map(rows.map((row) => [String(row.documentId), toCard(row)]));
      return documentIds.flatMap((id) => byId.get(id) ?? []);
    },

    /** The articles an editor took out of this article's story (document ids). */
    async notInStory(documentId: string, locale: string): Promise<string[]> {
      const row = (await query().findOne({
        select: ['id'],
        where: published(locale, { documentId }),
        populate: { notInStory: { select: ['documentId'] } },
      })) as Row | null;
      return (Array.isArray(row?.notInStory) ? (row.notInStory as Row[]) : []).map((entry) => String(entry.documentId));
    },

    /** A page of articles, newest first. */
    async newest(filter: ArticleFilter, offset: number, limit: number): Promise<ArticleCard[]> {
      const rows = (await query().findMany({
        select: CARD_FIELDS,
        where: filterOf(filter),
        populate: SECTION_POPULATE,
        orderBy: [{ publicationDate: 'desc' }, { documentId: 'asc' }],
        offset,
        limit,
      })) as Row[];
      return rows.map(toCard);
    },

    count: async (filter: ArticleFilter): Promise<number> => Number(await query().count({ where: filterOf(filter) })),

    /** Every matching article's id and date, for an order the database cannot sort by (views). */
    async keys(filter: ArticleFilter): Promise<Array<{ documentId: string; time: number }>> {
      const rows = (await query().findMany({ select: ['documentId', 'publicationDate'], where: filterOf(filter) })) as Row[];
      return rows.map((row) => ({ documentId: String(row.documentId), time: row.publicationDate ? new Date(row.publicationDate as string).getTime() : 0 }));
    },
  };
};

export type ArticleReads = ReturnType<typeof createArticleReads>;
