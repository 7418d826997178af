import type { Core } from '@strapi/strapi';
import { blocksToPlainText } from '../articles/plain-text';
import { ARTICLE_UID } from '../uids';
import type { DocumentKey } from '../jobs/queue';

/** What the related-links engine and its editorial rules need from a published article. */
export interface PublishedArticle extends DocumentKey {
  rowId: number;
  /** Strapi's publishedAt: changes on every publish, so it versions the indexed content. */
  version: string;
  title: string;
  dek: string;
  body: string;
  tags: string[];
  sectionId: string | null;
  sectionName: string;
  publicationTime: number;
  hideRelated: boolean;
  neverListAsRelated: boolean;
  pinned: string[];
  excluded: string[];
}

interface ArticleRow {
  id: number;
  documentId: string;
  locale: string;
  publishedAt: string | Date;
  publicationDate: string | Date | null;
  title: string | null;
  dek: string | null;
  body: unknown;
  hideRelated: boolean | null;
  neverListAsRelated: boolean | null;
  section: { documentId: string; name: string | null } | null;
  tags: Array<{ name: string }> | null;
  relatedPinned: Array<{ documentId: string }> | null;
  relatedExcluded: Array<{ documentId: string }> | null;
}

const POPULATE = {
  section: { select: ['documentId', 'name'] },
  tags: { select: ['name'] },
  relatedPinned: { select: ['documentId'] },
  relatedExcluded: { select: ['documentId'] },
};

const SELECT = ['id', 'documentId', 'locale', 'publishedAt', 'publicationDate', 'title', 'dek', 'body', 'hideRelated', 'neverListAsRelated'];

const toTime = (value: string | Date | null): number => (value ? new Date(value).getTime() : 0);

const toArticle = (row: ArticleRow): PublishedArticle => ({
  rowId: row.id,
  documentId: row.documentId,
  locale: row.locale,
  version: new Date(row.publishedAt).toISOString(),
  title: row.title ?? '',
  dek: row.dek ?? '',
  body: blocksToPlainText(row.body),
  tags: (row.tags ?? []).map((tag) => tag.name),
  sectionId: row.section?.documentId ?? null,
  sectionName: row.section?.name ?? '',
  publicationTime: toTime(row.publicationDate) || toTime(row.publishedAt),
  hideRelated: Boolean(row.hideRelated),
  neverListAsRelated: Boolean(row.neverListAsRelated),
  pinned: (row.relatedPinned ?? []).map((target) => target.documentId),
  excluded: (row.relatedExcluded ?? []).map((target) => target.documentId),
});

/** Reads published articles straight from the database: no sanitizing, no middleware. */
export const createArticleSource = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(ARTICLE_UID);

  const findPublished = async ({ documentId, locale }: DocumentKey): Promise<PublishedArticle | null> => {
    const row = (await query().findOne({
      select: SELECT,
      where: { documentId, locale, publishedAt: { $notNull: true } },
      populate: POPULATE,
    })) as ArticleRow | null;
    return row ? toArticle(row) : null;
  };

  /** A batch of published articles in row order, after `afterRowId`. */
  const findPublishedBatch = async (afterRowId: number, size: number): Promise<PublishedArticle[]> => {
    const rows = (await query().findMany({
      select: SELECT,
      where: { id: { $gt: afterRowId }, publishedAt: { $notNull: true } },
      orderBy: { id: 'asc' },
      limit: size,
      populate: POPULATE,
    })) as ArticleRow[];
    return rows.map(toArticle);
  };

  /** Every published (documentId, locale) with its version, for reconciliation. */
  const listPublishedVersions = async (): Promise<Array<DocumentKey & { version: string }>> => {
    const rows = (await query().findMany({
      select: ['documentId', 'locale', 'publishedAt'],
      where: { publishedAt: { $notNull: true } },
    })) as Array<{ documentId: string; locale: string; publishedAt: string | Date }>;
    return rows.map((row) => ({ documentId: row.documentId, locale: row.locale, version: new Date(row.publishedAt).toISOString() }));
  };

  const countPublished = async (): Promise<number> => query().count({ where: { publishedAt: { $notNull: true } } });

  return { findPublished, findPublishedBatch, listPublishedVersions, countPublished };
};

export type ArticleSource = ReturnType<typeof createArticleSource>;
