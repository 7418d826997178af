import type { Knex } from 'knex';
import type { Metric } from '../counters/buffer';
import { hourOf } from '../counters/hours';
import { COUNTER_TABLES } from '../counters/tables';
import type { TrendingSettings } from '../config/rankings-settings';
import type { RankingKind } from './select';
import { trendScore } from './trending';
import { WINDOW_HOURS, firstHourOf, trendSpans, type ApiWindow } from './windows';

/** Figures per locale, then per article. */
export type Figures = Map<string, Map<string, number>>;

interface SumRow {
  document_id: string;
  locale: string;
  n: number | string | null;
}

const byLocale = (rows: Array<{ document_id: string; locale: string }>, figureOf: (index: number) => number): Figures => {
  const figures: Figures = new Map();
  rows.forEach((row, index) => {
    const articles = figures.get(row.locale) ?? new Map<string, number>();
    articles.set(row.document_id, figureOf(index));
    figures.set(row.locale, articles);
  });
  return figures;
};

const sums = async (knex: Knex, metric: Metric, window: ApiWindow, now: number): Promise<Figures> => {
  const hours = WINDOW_HOURS[window];
  const rows: SumRow[] =
    hours === null
      ? await knex(COUNTER_TABLES.totals).select('document_id', 'locale').sum({ n: 'count' }).where({ metric }).groupBy('document_id', 'locale')
      : await knex(COUNTER_TABLES.buckets)
          .select('document_id', 'locale')
          .sum({ n: 'count' })
          .where({ metric })
          .andWhere('hour', '>=', firstHourOf(now, hours))
          // Counts stamped later than `now` (a clock set back in tests) are not in the window.
          .andWhere('hour', '<=', hourOf(now))
          .groupBy('document_id', 'locale');
  return byLocale(rows, (index) => Number(rows[index].n ?? 0));
};

const trends = async (knex: Knex, window: ApiWindow, now: number, settings: TrendingSettings): Promise<Figures> => {
  const spans = trendSpans(now, window, settings.recentShare);
  const rows: Array<{ document_id: string; locale: string; recent: number | string | null; baseline: number | string | null }> = await knex(
    COUNTER_TABLES.buckets,
  )
    .select(
      'document_id',
      'locale',
      knex.raw('sum(case when hour >= ? then count else 0 end) as recent', [spans.recentFrom]),
      knex.raw('sum(case when hour < ? then count else 0 end) as baseline', [spans.recentFrom]),
    )
    .where({ metric: 'view' })
    .andWhere('hour', '>=', spans.baselineFrom)
    .andWhere('hour', '<=', hourOf(now))
    .groupBy('document_id', 'locale');
  return byLocale(rows, (index) =>
    trendScore({ recent: Number(rows[index].recent ?? 0), baseline: Number(rows[index].baseline ?? 0) }, spans, settings.smoothing),
  );
};

/** Reads the figures of an automatic kind over a window from the hourly buckets (or the totals). */
export const readFigures = async (knex: Knex, kind: RankingKind, window: ApiWindow, now: number, settings: TrendingSettings): Promise<Figures> => {
  if (kind === 'most-viewed') return sums(knex, 'view', window, now);
  if (kind === 'most-reacted') return sums(knex, 'reaction', window, now);
  if (kind === 'trending') return trends(knex, window, now, settings);
  return new Map();
};
