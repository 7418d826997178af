import type { ArticleCard } from './types';

export type RecommendationReason = 'editors-pick' | 'reading-history' | 'trending' | 'popular' | 'latest';

export interface Recommendation extends ArticleCard {
  reason: RecommendationReason;
}

export interface RecommendationSource {
  reason: RecommendationReason;
  /** Only articles from sections other than the page's (trending, popular, latest). */
  otherSections: boolean;
  candidates: ArticleCard[];
}

export interface RecommendInput {
  sectionId: string | null;
  /** The article itself, its related list, the page's rankings, what the reader has seen. */
  exclude: Set<string>;
  /** In order of priority; each source's candidates in their own order. */
  sources: RecommendationSource[];
  limit: number;
}

const sectionKey = (card: ArticleCard): string => card.section?.documentId ?? '';

/**
 * Blends the sources by taking turns (one from each, in priority order), so that no single
 * source fills the list; at most a third of the list (at least one) from one section, then
 * backfilled without the cap when the sources run short. Pure: the same input gives the same list.
 */
export const recommend = ({ sectionId, exclude, sources, limit }: RecommendInput): Recommendation[] => {
  const chosen: Recommendation[] = [];
  const taken = new Set<string>();
  const perSection = new Map<string, number>();
  const cap = Math.max(1, Math.ceil(limit / 3));

  const eligible = (source: RecommendationSource, card: ArticleCard, capped: boolean): boolean =>
    !exclude.has(card.documentId) &&
    !taken.has(card.documentId) &&
    !(source.otherSections && sectionId !== null && card.section?.documentId === sectionId) &&
    !(capped && (perSection.get(sectionKey(card)) ?? 0) >= cap);

  const pass = (capped: boolean): void => {
    const cursors = sources.map(() => 0);
    let progressed = true;
    while (chosen.length < limit && progressed) {
      progressed = false;
      sources.forEach((source, index) => {
        if (chosen.length >= limit) return;
        while (cursors[index] < source.candidates.length) {
          const card = source.candidates[cursors[index]];
          cursors[index] += 1;
          if (!eligible(source, card, capped)) continue;
          chosen.push({ ...card, reason: source.reason });
          taken.add(card.documentId);
          perSection.set(sectionKey(card), (perSection.get(sectionKey(card)) ?? 0) + 1);
          progressed = true;
          return;
        }
      });
    }
  };

  pass(true);
  pass(false);
  return chosen;
};

/** Articles close to a reading history: the related lists of the seen articles, scores summed. */
export const historyCandidates = (lists: Array<Array<{ documentId: string; score: number }>>): string[] => {
  const scores = new Map<string, number>();
  for (const list of lists) for (const link of list) scores.set(link.documentId, (scores.get(link.documentId) ?? 0) + link.score);
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([documentId]) => documentId);
};
