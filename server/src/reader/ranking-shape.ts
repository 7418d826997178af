import type { RankingEntry } from '../contracts/panels';
import type { ServedList } from '../rankings/list-store';
import type { RankingKind } from '../rankings/select';

/** The name of an entry's figure in the API, by kind; editors' picks have none. */
const FIGURE_NAME: Record<RankingKind, string | null> = {
  'most-viewed': 'views',
  'most-reacted': 'reactions',
  trending: 'trend',
  'editors-picks': null,
};

const shapeEntry = (kind: RankingKind, { figure, ...entry }: RankingEntry) => {
  const name = FIGURE_NAME[kind];
  return name ? { ...entry, [name]: figure ?? 0 } : entry;
};

/** A stored ranking as the content API shows it (no internal ids, the figure named by kind). */
export const shapeRanking = (list: ServedList) => ({
  slug: list.slug,
  name: list.name,
  kind: list.kind,
  window: list.window,
  locale: list.locale,
  computedAt: list.computedAt,
  entries: list.entries.map((entry) => shapeEntry(list.kind, entry)),
});

export type ShapedRanking = ReturnType<typeof shapeRanking>;
