import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { TrendingSettings } from '../config/rankings-settings';
import { readFigures, type Figures } from './figures';
import { sectionWithDescendants } from './sections';
import { selectEntries, type SelectedEntry } from './select';
import type { ArticleSnapshot, RankingDefinition, RankingSources } from './sources';

export interface ComputedEntry extends SelectedEntry {
  article: ArticleSnapshot;
}

export interface ComputedList {
  ranking: RankingDefinition;
  entries: ComputedEntry[];
  /** Changes exactly when what a site would show changes. */
  etag: string;
}

const etagOf = (ranking: RankingDefinition, entries: ComputedEntry[]): string =>
  `"${createHash('sha1')
    .update(JSON.stringify({ name: ranking.name, kind: ranking.kind, window: ranking.window, entries }))
    .digest('base64url')}"`;

// Trend scores keep three decimals: finer differences are noise and would change the ETag.
const rounded = (figure: number | null): number | null => (figure === null ? null : Math.round(figure * 1000) / 1000);

/** Every ranking in every locale, from the counts as they stand at `now`; only published articles. */
export const computeLists = async (sources: RankingSources, knex: Knex, now: number, trending: TrendingSettings): Promise<ComputedList[]> => {
  const rankings = await sources.rankings();
  const parents = await sources.sectionParents();
  const figures = new Map<string, Figures>();
  for (const ranking of rankings) {
    const key = `${ranking.kind} ${ranking.window}`;
    if (!figures.has(key)) figures.set(key, await readFigures(knex, ranking.kind, ranking.window, now, trending));
  }
  // The articles a list can show: those with a figure, and the pinned ones.
  const shown = new Set<string>(rankings.flatMap((ranking) => ranking.pinned));
  for (const byLocale of figures.values()) for (const counts of byLocale.values()) for (const documentId of counts.keys()) shown.add(documentId);
  const articles = await sources.publishedArticles(shown);
  return rankings.map((ranking) => {
    const published = articles.get(ranking.locale) ?? new Map<string, ArticleSnapshot>();
    const rule = {
      kind: ranking.kind,
      size: ranking.size,
      pinned: ranking.pinned,
      excluded: ranking.excluded,
      scope: ranking.sectionId ? sectionWithDescendants(ranking.sectionId, parents) : null,
    };
    const selected = selectEntries(rule, figures.get(`${ranking.kind} ${ranking.window}`)?.get(ranking.locale) ?? new Map(), published);
    const entries = selected.map((entry) => ({ ...entry, figure: rounded(entry.figure), article: published.get(entry.documentId) as ArticleSnapshot }));
    return { ranking, entries, etag: etagOf(ranking, entries) };
  });
};
