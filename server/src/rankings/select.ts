/** Picking a ranking's entries from scored candidates. Pure: no Strapi, no database. */

export type RankingKind = 'most-viewed' | 'most-reacted' | 'trending' | 'editors-picks';

export interface RankingRule {
  kind: RankingKind;
  size: number;
  /** Shown first, in this order, whatever their figures and section. */
  pinned: string[];
  /** Never shown, pinned or not. */
  excluded: string[];
  /** Sections an automatic entry must belong to; `null` for the whole site. */
  scope: Set<string> | null;
}

/** A published article of the ranking's locale. */
export interface RankedArticle {
  documentId: string;
  sectionId: string | null;
  publicationTime: number;
}

export interface SelectedEntry {
  documentId: string;
  pinned: boolean;
  /** Views, reactions or trend score; `null` for editors' picks. */
  figure: number | null;
}

/**
 * Pins first (published ones, in order), then the best-scoring published articles with a
 * positive figure, within scope, up to `size`. Ties go to the newer article, then the id, so
 * the same counts always give the same list.
 */
export const selectEntries = (rule: RankingRule, figures: Map<string, number>, articles: Map<string, RankedArticle>): SelectedEntry[] => {
  const excluded = new Set(rule.excluded);
  const taken = new Set<string>();
  const entries: SelectedEntry[] = [];
  const automatic = rule.kind !== 'editors-picks';
  const take = (documentId: string, pinned: boolean): void => {
    taken.add(documentId);
    entries.push({ documentId, pinned, figure: automatic ? (figures.get(documentId) ?? 0) : null });
  };

  for (const documentId of rule.pinned) {
    if (entries.length >= rule.size) return entries;
    if (!excluded.has(documentId) && !taken.has(documentId) && articles.has(documentId)) take(documentId, true);
  }
  if (!automatic) return entries;

  const candidates = [...figures]
    .filter(([documentId, figure]) => {
      const article = articles.get(documentId);
      if (!article || figure <= 0 || excluded.has(documentId) || taken.has(documentId)) return false;
      return rule.scope === null || (article.sectionId !== null && rule.scope.has(article.sectionId));
    })
    .sort(([idA, a], [idB, b]) => b - a || (articles.get(idB)?.publicationTime ?? 0) - (articles.get(idA)?.publicationTime ?? 0) || (idA < idB ? -1 : 1));
  for (const [documentId] of candidates.slice(0, rule.size - entries.length)) take(documentId, false);
  return entries;
};
