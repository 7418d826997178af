import type { Core } from '@strapi/strapi';
import { chunked, IDS_PER_READ } from '../index-store/batches';
import { ARTICLE_UID, RANKING_UID, SECTION_UID } from '../uids';
import type { RankedArticle, RankingKind } from './select';
import { API_WINDOW, type ApiWindow, type StoredWindow } from './windows';

/** A ranking as editors defined it, in one locale. */
export interface RankingDefinition {
  documentId: string;
  locale: string;
  slug: string;
  name: string;
  kind: RankingKind;
  window: ApiWindow;
  size: number;
  sectionId: string | null;
  pinned: string[];
  excluded: string[];
}

/** A published article with the fields a ranking entry shows. */
export interface ArticleSnapshot extends RankedArticle {
  title: string;
  slug: string;
  publicationDate: string | null;
  section: { documentId: string; slug: string; name: string } | null;
}

type Related = { documentId: string } | null;

interface RankingRow {
  documentId: string;
  locale: string;
  slug: string;
  name: string;
  kind: RankingKind;
  window: StoredWindow;
  size: number;
  section: Related;
  pinned: Related[] | null;
  excluded: Related[] | null;
}

interface ArticleRow {
  documentId: string;
  locale: string;
  title: string | null;
  slug: string | null;
  publicationDate: string | Date | null;
  publishedAt: string | Date;
  section: { documentId: string; slug: string | null; name: string | null } | null;
}

const ids = (rows: Related[] | null): string[] => (rows ?? []).flatMap((row) => (row ? [row.documentId] : []));
const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/** What a recompute reads from Strapi's own tables: rankings, published articles, the section tree. */
export const createRankingSources = (strapi: Core.Strapi) => {
  const rankings = async (): Promise<RankingDefinition[]> => {
    const rows = (await strapi.db.query(RANKING_UID).findMany({
      select: ['documentId', 'locale', 'slug', 'name', 'kind', 'window', 'size'],
      populate: { section: { select: ['documentId'] }, pinned: { select: ['documentId'] }, excluded: { select: ['documentId'] } },
    })) as RankingRow[];
    return rows.map((row) => ({
      documentId: row.documentId,
      locale: row.locale,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      window: API_WINDOW[row.window],
      size: row.size,
      sectionId: row.section?.documentId ?? null,
      pinned: ids(row.pinned),
      excluded: ids(row.excluded),
    }));
  };

  /**
   * These articles, those published, per locale, by documentId. A ranking can only show articles
   * it has a figure or a pin for: reading every published article would hold a million of them,
   * and one query's list of ids would pass the database's bound on bound parameters.
   */
  const publishedArticles = async (documentIds: Iterable<string>): Promise<Map<string, Map<string, ArticleSnapshot>>> => {
    const rows: ArticleRow[] = [];
    for (const ids of chunked([...new Set(documentIds)], IDS_PER_READ)) {
      rows.push(
        ...((await strapi.db.query(ARTICLE_UID).findMany({
          select: ['documentId', 'locale', 'title', 'slug', 'publicationDate', 'publishedAt'],
          where: { publishedAt: { $notNull: true }, documentId: { $in: ids } },
          populate: { section: { select: ['documentId', 'slug', 'name'] } },
        })) as ArticleRow[]),
      );
    }
    const byLocale = new Map<string, Map<string, ArticleSnapshot>>();
    for (const row of rows) {
      const articles = byLocale.get(row.locale) ?? new Map<string, ArticleSnapshot>();
      const publicationDate = iso(row.publicationDate) ?? iso(row.publishedAt);
      articles.set(row.documentId, {
        documentId: row.documentId,
        title: row.title ?? '',
        slug: row.slug ?? '',
        publicationDate,
        publicationTime: publicationDate ? Date.parse(publicationDate) : 0,
        sectionId: row.section?.documentId ?? null,
        section: row.section ? { documentId: row.section.documentId, slug: row.section.slug ?? '', name: row.section.name ?? '' } : null,
      });
      byLocale.set(row.locale, articles);
    }
    return byLocale;
  };

  /** Each section's parent (the tree is the same in every locale). */
  const sectionParents = async (): Promise<Map<string, string | null>> => {
    const rows = (await strapi.db.query(SECTION_UID).findMany({ select: ['documentId'], populate: { parent: { select: ['documentId'] } } })) as Array<{
      documentId: string;
      parent: Related;
    }>;
    const parents = new Map<string, string | null>();
    for (const row of rows) if (!parents.get(row.documentId)) parents.set(row.documentId, row.parent?.documentId ?? null);
    return parents;
  };

  return { rankings, publishedArticles, sectionParents };
};

export type RankingSources = ReturnType<typeof createRankingSources>;
