import type { Core } from '@strapi/strapi';
import { ARTICLE } from './uids';

/**
 * DEMO DATA: a made-up history of views and reactions over the last 14 days, so that a first
 * look at the demo is not empty (the Newsroom page's chart, the rankings, "Most read"). The
 * numbers are synthetic and deterministic: each article's popularity comes from its slug, its
 * views decay with the days and start at its publication, and three articles rise in the last
 * day (for "Trending"). Written once, through the plugin's own counter tables, only when nothing
 * was ever counted; `DEMO_VIEWS=false` starts without it.
 */
const DAYS = 14;
const HOUR = 3_600_000;
const RISING = 3;

/** The same number from the same text on every machine (FNV-1a). */
const hashOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
};

interface Published {
  documentId: string;
  locale: string;
  slug: string;
  /** When the site shows it was published (the demo's articles are dated over the last 30 days). */
  publicationDate: string;
}

interface Row {
  documentId: string;
  locale: string;
  metric: 'view' | 'reaction';
  kind: string;
  hour: number;
  count: number;
}

type Counters = {
  hasCounts(): Promise<boolean>;
  setCounts(file: { buckets: Array<Row & { table: 'buckets' }>; totals: Array<Omit<Row, 'hour'> & { table: 'totals' }>; reactions: never[] }): Promise<unknown>;
};

/** The history of one article: one bucket a day (at an hour of the day its slug picks), newest first. */
const historyOf = (article: Published, rank: number, rising: boolean, now: number): Row[] => {
  const popularity = 900 / (rank + 1) ** 0.7;
  const publishedHour = Math.floor(Date.parse(article.publicationDate) / HOUR);
  const nowHour = Math.floor(now / HOUR);
  const rows: Row[] = [];
  for (let day = 0; day < DAYS; day += 1) {
    const hour = nowHour - day * 24 - (hashOf(`${article.slug}:${day}`) % 12);
    if (hour < publishedHour) break;
    const spread = 0.75 + (hashOf(`${article.slug}/${day}`) % 50) / 100;
    const views = Math.round(popularity * 0.82 ** day * spread * (rising && day === 0 ? 6 : 1));
    if (views === 0) continue;
    rows.push({ documentId: article.documentId, locale: article.locale, metric: 'view', kind: '', hour, count: views });
    const reactions = Math.floor(views * 0.04);
    if (reactions > 0) rows.push({ documentId: article.documentId, locale: article.locale, metric: 'reaction', kind: 'veryGood', hour, count: reactions });
  }
  return rows;
};

export const seedDemoViews = async (strapi: Core.Strapi, now = Date.now()): Promise<number> => {
  const counters = strapi.plugin('newsroom').service('counters') as Counters;
  if (await counters.hasCounts()) return 0;
  const articles = (await strapi.db.query(ARTICLE).findMany({
    select: ['documentId', 'locale', 'slug', 'publicationDate'],
    where: { publishedAt: { $notNull: true } },
  })) as Published[];
  // A fixed order from the slugs alone: the same ranks whatever the generated document ids.
  const ordered = [...articles].sort((a, b) => hashOf(a.slug) - hashOf(b.slug) || a.slug.localeCompare(b.slug));
  const buckets = ordered.flatMap((article, rank) => historyOf(article, rank, rank % 17 === 5 && rank < 17 * RISING, now));
  const totals = new Map<string, Omit<Row, 'hour'>>();
  for (const { hour: _hour, ...row } of buckets) {
    const key = [row.documentId, row.locale, row.metric, row.kind].join('\u0000');
    const total = totals.get(key);
    if (total) total.count += row.count;
    else totals.set(key, { ...row });
  }
  await counters.setCounts({
    buckets: buckets.map((row) => ({ table: 'buckets', ...row })),
    totals: [...totals.values()].map((row) => ({ table: 'totals', ...row })),
    reactions: [],
  });
  return buckets.length;
};
