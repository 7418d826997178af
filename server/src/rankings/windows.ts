import { HOUR_MS, hourOf } from '../counters/hours';

/** Windows as the API speaks them. */
export const API_WINDOWS = ['1h', '24h', '7d', '30d', 'all'] as const;
export type ApiWindow = (typeof API_WINDOWS)[number];

/** Windows as the Ranking type stores them: Strapi enumeration values cannot start with a digit. */
export type StoredWindow = 'last-hour' | 'last-24-hours' | 'last-7-days' | 'last-30-days' | 'all-time';

export const API_WINDOW: Record<StoredWindow, ApiWindow> = {
  'last-hour': '1h',
  'last-24-hours': '24h',
  'last-7-days': '7d',
  'last-30-days': '30d',
  'all-time': 'all',
};

/** Length in hours; `all` has none (all-time totals). */
export const WINDOW_HOURS: Record<ApiWindow, number | null> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720, all: null };

/** What `trending` compares over `all`: the last 30 days. */
const ALL_TIME_TREND_HOURS = 720;

/**
 * The first hourly bucket of a window ending now: every bucket that overlaps it, so a count
 * leaves the window at most an hour after it became older than the window.
 */
export const firstHourOf = (now: number, hours: number): number => hourOf(now - hours * HOUR_MS);

export interface TrendSpans {
  /** Buckets `recentFrom` .. now are recent; `baselineFrom` .. `recentFrom - 1` the baseline. */
  recentFrom: number;
  baselineFrom: number;
  /** Hours of data in the recent part (the current hour counts for the part of it that has passed). */
  recentHours: number;
  baselineHours: number;
}

/**
 * Splits a trending window into a recent part (its last `recentShare`, at least an hour) and the
 * article's earlier rate before it (at least as long as the recent part).
 */
export const trendSpans = (now: number, window: ApiWindow, recentShare: number): TrendSpans => {
  const total = WINDOW_HOURS[window] ?? ALL_TIME_TREND_HOURS;
  const recentBuckets = Math.max(1, Math.round(total * recentShare));
  const baselineBuckets = Math.max(recentBuckets, total - recentBuckets);
  const recentFrom = hourOf(now) - recentBuckets + 1;
  const elapsed = (now - hourOf(now) * HOUR_MS) / HOUR_MS;
  return { recentFrom, baselineFrom: recentFrom - baselineBuckets, recentHours: recentBuckets - 1 + elapsed, baselineHours: baselineBuckets };
};
