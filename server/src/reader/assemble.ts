import type { Core } from '@strapi/strapi';
import type { ContentApiSettings } from '../config/content-api-settings';
import type { ServedList } from '../rankings/list-store';
import { getService } from '../services/access';
import { createAnswerCache } from './answer-cache';
import { createArticleReads, type ArticleFilter } from './article-reads';
import { shapeRanking, type ShapedRanking } from './ranking-shape';
import { historyCandidates, recommend, type Recommendation, type RecommendationSource } from './recommend';
import { readSections } from './section-reads';
import { breadcrumbOf, findNode, sectionAndDescendants, sectionTree, type SectionRow } from './sections';
import type { ArticleCard, ArticleView, Pagination, RelatedCard, SectionNode, SectionRef, StoryView } from './types';

export interface ArticleBundle {
  article: ArticleView & { views: number; reactions: Record<string, number> };
  breadcrumb: SectionRef[];
  related: RelatedCard[];
}

export interface ArticlePage extends ArticleBundle {
  story: StoryView;
  rankings: ShapedRanking[];
  recommendations: Recommendation[];
}

/** What a site may ask the page to fill a short Related box with. */
export type RelatedFill = 'section';

export interface ListRequest {
  locale: string;
  section?: string;
  tag?: string;
  sort: 'newest' | 'most-viewed';
  page: number;
  pageSize: number;
}

export interface RecommendationRequest {
  article: string;
  seen: string[];
  limit: number;
  locale: string;
}

const RANKING_SOURCE: Record<string, RecommendationSource['reason']> = {
  'editors-picks': 'editors-pick',
  trending: 'trending',
  'most-viewed': 'popular',
  'most-reacted': 'popular',
};

/** The newest articles that fill up recommendations: more than a page shows and excludes. */
const LATEST_CANDIDATES = 200;

const pagination = (page: number, pageSize: number, total: number): Pagination => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });

const cardOfEntry = ({ documentId, title, slug, publicationDate, section }: ServedList['entries'][number]): ArticleCard => ({
  documentId,
  title,
  slug,
  publicationDate,
  section,
});

/**
 * Builds each answer of the content API from precomputed data (related lists, counters, stored
 * rankings) and a few fixed-shape reads; nothing here scores or counts.
 */
export const createAssembler = (strapi: Core.Strapi, settings: ContentApiSettings) => {
  const articles = createArticleReads(strapi);
  const counters = () => getService(strapi, 'counters');
  const related = () => getService(strapi, 'related');
  const rankings = () => getService(strapi, 'rankings');

  /** A stored ranking without the articles unpublished since it was computed. */
  const publishedOnly = (list: ServedList): ServedList => ({
    ...list,
    entries: list.entries.filter((entry) => counters().isPublished({ documentId: entry.documentId, locale: list.locale })),
  });

  // The latest articles of a locale are the same for every page's recommendations: read once
  // until the next clear (any save), not once per page.
  const latest = createAnswerCache<ArticleCard[]>({ ttlMs: settings.cache.ttlSeconds * 1000, maxEntries: 64 });
  const latestOf = async (locale: string): Promise<ArticleCard[]> =>
    (await latest.through(locale, () => articles.newest({ locale }, 0, LATEST_CANDIDATES))) ?? [];

  const relatedCards = async (documentId: string, locale: string): Promise<RelatedCard[]> => {
    const links = new Map((await related().getList({ documentId, locale })).map((link) => [link.documentId, link]));
    return (await articles.cards([...links.keys()], locale)).map((card) => {
      const link = links.get(card.documentId);
      return { ...card, reasons: link?.reasons ?? [], sameStory: link?.sameStory ?? false };
    });
  };

  /** A list the relevance cut left short, filled up to `size` with the section's latest articles, labelled. */
  const filledUp = async (bundle: ArticleBundle, size: number): Promise<RelatedCard[]> => {
    const { related: list, article } = bundle;
    if (list.length >= size || !article.section) return list;
    const shown = new Set([article.documentId, ...list.map((card) => card.documentId)]);
    const latest = await articles.newest({ locale: article.locale, sectionIds: [article.section.documentId] }, 0, size + shown.size);
    const fill = latest.filter((card) => !shown.has(card.documentId)).slice(0, size - list.length);
    return [...list, ...fill.map((card): RelatedCard => ({ ...card, reasons: [], sameStory: false, fallback: 'latest-in-section' }))];
  };

  /** The article's story: its published articles, oldest first, less those an editor took out. */
  const storyOf = async (view: ArticleView): Promise<StoryView> => {
    const { story, members } = await related().storyOf({ documentId: view.documentId, locale: view.locale });
    const out = new Set(await articles.notInStory(view.documentId, view.locale));
    const cards = await articles.cards(
      members.filter((id) => id === view.documentId || !out.has(id)),
      view.locale,
    );
    cards.sort((a, b) => (a.publicationDate ?? '').localeCompare(b.publicationDate ?? '') || a.documentId.localeCompare(b.documentId));
    return { storyId: story, size: cards.length, articles: cards };
  };

  const bundleOf = async (view: ArticleView, sections: SectionRow[]): Promise<ArticleBundle> => {
    const key = { documentId: view.documentId, locale: view.locale };
    const [views, reactions, relatedList] = await Promise.all([
      counters().views(view.locale, [view.documentId]),
      counters().reactions(key),
      relatedCards(view.documentId, view.locale),
    ]);
    return {
      article: { ...view, views: views.get(view.documentId) ?? 0, reactions },
      breadcrumb: breadcrumbOf(sections, view.section?.documentId ?? null),
      related: relatedList,
    };
  };

  const pageRankings = async (locale: string): Promise<ServedList[]> => {
    const lists = await Promise.all(settings.pageRankings.map((slug) => rankings().find(slug, locale)));
    return lists.flatMap((list) => (list ? [publishedOnly(list)] : []));
  };

  const recommendationsFor = async (bundle: ArticleBundle, shown: ServedList[], seen: string[], limit: number): Promise<Recommendation[]> => {
    const { documentId, locale, section } = bundle.article;
    const exclude = new Set([
      documentId,
      ...seen,
      ...bundle.related.map((card) => card.documentId),
      ...shown.flatMap((list) => list.entries.map((entry) => entry.documentId)),
    ]);
    const stored = (await rankings().findAll(locale)).map(publishedOnly);
    const fromRankings = (reason: RecommendationSource['reason']): ArticleCard[] =>
      stored.filter((list) => RANKING_SOURCE[list.kind] === reason).flatMap((list) => list.entries.map(cardOfEntry));
    const history = historyCandidates(await Promise.all(seen.map((id) => related().getList({ documentId: id, locale }))));
    // Enough of the closest to fill the list after exclusions.
    const wanted = limit * 3 + exclude.size;
    const sources: RecommendationSource[] = [
      { reason: 'editors-pick', otherSections: false, candidates: fromRankings('editors-pick') },
      { reason: 'reading-history', otherSections: false, candidates: await articles.cards(history.slice(0, wanted), locale) },
      { reason: 'trending', otherSections: true, candidates: fromRankings('trending') },
      { reason: 'popular', otherSections: true, candidates: fromRankings('popular') },
      { reason: 'latest', otherSections: true, candidates: await latestOf(locale) },
    ];
    return recommend({ sectionId: section?.documentId ?? null, exclude, sources, limit });
  };

  const findBundle = async (slug: string, locale: string): Promise<ArticleBundle | null> => {
    const view = await articles.bySlug(slug, locale);
    return view ? bundleOf(view, await readSections(strapi, locale)) : null;
  };

  return {
    /** Forgets what it read once for every page (see `latestOf`). */
    clear: (): void => latest.clear(),

    sections: async (locale: string): Promise<SectionNode[]> => sectionTree(await readSections(strapi, locale)),

    async section(slug: string, locale: string, page: number, pageSize: number) {
      const rows = await readSections(strapi, locale);
      const row = rows.find((candidate) => candidate.slug === slug);
      if (!row) return null;
      const filter = { locale, sectionIds: sectionAndDescendants(rows, row.documentId) };
      const [cards, total] = await Promise.all([articles.newest(filter, (page - 1) * pageSize, pageSize), articles.count(filter)]);
      return {
        data: { section: findNode(sectionTree(rows), row.documentId), breadcrumb: breadcrumbOf(rows, row.documentId), articles: cards },
        meta: { pagination: pagination(page, pageSize, total) },
      };
    },

    async articles(request: ListRequest) {
      const filter: ArticleFilter = { locale: request.locale, tag: request.tag };
      if (request.section) {
        const rows = await readSections(strapi, request.locale);
        const row = rows.find((candidate) => candidate.slug === request.section);
        // An unknown section filters everything out, like an unknown tag.
        filter.sectionIds = row ? sectionAndDescendants(rows, row.documentId) : [];
      }
      const offset = (request.page - 1) * request.pageSize;
      if (request.sort === 'newest') {
        const [cards, total] = await Promise.all([articles.newest(filter, offset, request.pageSize), articles.count(filter)]);
        return { data: cards, meta: { pagination: pagination(request.page, request.pageSize, total) } };
      }
      const [keys, views] = await Promise.all([articles.keys(filter), counters().views(request.locale)]);
      const order = keys
        .map((key) => ({ ...key, views: views.get(key.documentId) ?? 0 }))
        .sort((a, b) => b.views - a.views || b.time - a.time || a.documentId.localeCompare(b.documentId));
      const ids = order.slice(offset, offset + request.pageSize).map((key) => key.documentId);
      const cards = (await articles.cards(ids, request.locale)).map((card) => ({ ...card, views: views.get(card.documentId) ?? 0 }));
      return { data: cards, meta: { pagination: pagination(request.page, request.pageSize, keys.length) } };
    },

    findBundle,

    async page(slug: string, locale: string, fill: { with: RelatedFill; size: number } | undefined): Promise<ArticlePage | null> {
      const found = await findBundle(slug, locale);
      if (!found) return null;
      const bundle = fill ? { ...found, related: await filledUp(found, fill.size) } : found;
      const shown = await pageRankings(locale);
      return {
        ...bundle,
        story: await storyOf(bundle.article),
        rankings: shown.map(shapeRanking),
        recommendations: await recommendationsFor(bundle, shown, [], settings.recommendations),
      };
    },

    async story(slug: string, locale: string): Promise<StoryView | null> {
      const view = await articles.bySlug(slug, locale);
      return view ? storyOf(view) : null;
    },

    /** The recommendations, and the article they are for (its related list shapes them). */
    async recommendations(request: RecommendationRequest): Promise<{ subject: string; list: Recommendation[] } | null> {
      const bundle = await findBundle(request.article, request.locale);
      if (!bundle) return null;
      return { subject: bundle.article.documentId, list: await recommendationsFor(bundle, await pageRankings(request.locale), request.seen, request.limit) };
    },
  };
};

export type Assembler = ReturnType<typeof createAssembler>;
