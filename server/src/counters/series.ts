import type { Knex } from 'knex';
import type { DayPoint } from '../contracts/dashboard';
import { HOUR_MS, hourOf } from './hours';
import { COUNTER_TABLES } from './tables';
import type { Metric } from './buffer';

const METRICS: Metric[] = ['view', 'reaction'];

/** Views and reactions per UTC day over the last `days` days (today included), oldest first. */
export const dailySeries = async (knex: Knex, now: number, days: number, locale?: string): Promise<DayPoint[]> => {
  const firstDay = Math.floor(hourOf(now) / 24) - days + 1;
  const rows: Array<{ hour: number; metric: string; count: number | string }> = await knex(COUNTER_TABLES.buckets)
    .select('hour', 'metric')
    .sum({ count: 'count' })
    // Each metric's range of the (metric, hour) index: by hour alone, the query read all of it.
    .whereIn('metric', METRICS)
    .where('hour', '>=', firstDay * 24)
    .modify((query) => (locale ? query.where({ locale }) : query))
    .groupBy('hour', 'metric');
  const points: DayPoint[] = Array.from({ length: days }, (_, index) => ({
    day: new Date((firstDay + index) * 24 * HOUR_MS).toISOString().slice(0, 10),
    views: 0,
    reactions: 0,
  }));
  for (const row of rows) {
    const point = points[Math.floor(Number(row.hour) / 24) - firstDay];
    if (!point) continue;
    if (row.metric === 'view') point.views += Number(row.count);
    else if (row.metric === 'reaction') point.reactions += Number(row.count);
  }
  return points;
};
