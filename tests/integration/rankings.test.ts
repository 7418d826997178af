import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { ARTICLE, createArticle } from '../support/articles';
import { clockService, countersService, rankingsService, readerAgent } from '../support/counters';
import { createRankingLock } from '../../server/src/rankings/lock';

const HOUR = 3_600_000;
const RANKING = 'plugin::newsroom.ranking';
const SECTION = 'plugin::newsroom.section';
// Half past ten, so the hour in progress is half over.
const NOW = Date.parse('2031-03-10T10:30:00Z');

let strapi: Core.Strapi;
let base: string;
let visitors = 0;

interface Entry {
  documentId: string;
  title: string;
  slug: string;
  section: { slug: string } | null;
  publicationDate: string | null;
  pinned: boolean;
  views?: number;
  reactions?: number;
  trend?: number;
}

const setClock = (time: number) => clockService(strapi).set(time);

/** `count` views of an article, each from a new reader, at `time`. */
const viewsAt = async (documentId: string, time: number, count: number): Promise<void> => {
  setClock(time);
  const counters = countersService(strapi);
  for (let i = 0; i < count; i += 1) {
    visitors += 1;
    expect(await counters.recordView({ documentId, visitor: { ip: '198.51.100.4', userAgent: readerAgent(visitors) } })).toBe('counted');
  }
  await countersService(strapi).flush();
};

const reactionsAt = async (documentId: string, time: number, count: number): Promise<void> => {
  setClock(time);
  for (let i = 0; i < count; i += 1) {
    visitors += 1;
    await request(base).post(`/api/newsroom/articles/${documentId}/reactions`).set('User-Agent', readerAgent(visitors)).send({ kind: 'veryGood' }).expect(200);
  }
  await countersService(strapi).flush();
};

const createRanking = async (data: Record<string, unknown>, locale = 'en'): Promise<string> =>
  (await documentsOf<{ documentId: string }>(strapi, RANKING).create({ locale, data: { size: 8, ...data } })).documentId;

/** Recomputes at `time` as the next scheduled tick would. */
const tickAt = async (time: number): Promise<void> => {
  setClock(time);
  expect(await rankingsService(strapi).runScheduledTick()).toBe(true);
};

const served = async (slug: string, query = ''): Promise<Entry[]> => {
  const response = await request(base).get(`/api/newsroom/rankings/${slug}${query}`);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body.data.entries as Entry[];
};

const servedIds = async (slug: string, query = ''): Promise<string[]> => (await served(slug, query)).map((entry) => entry.documentId);

const article = async (title: string, extra: Record<string, unknown> = {}, locale = 'en'): Promise<string> =>
  createArticle(strapi, { title, paragraphs: [`${title}, in a few words.`], locale, extra });

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } } });
  strapi = await startPlayground();
  base = await listen(strapi);
});

afterAll(async () => {
  clockService(strapi).set(null);
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('rankings', () => {
  let old: string;
  let fresh: string;
  let loved: string;

  it('lets views older than a window leave that window, and keeps them in the longer ones', async () => {
    old = await article('Old news that many read');
    fresh = await article('Fresh news a few read');
    loved = await article('A story readers loved');
    await countersService(strapi).settle();
    await createRanking({ name: 'Most read this hour', slug: 'hour', kind: 'most-viewed', window: 'last-hour' });
    await createRanking({ name: 'Most read today', slug: 'day', kind: 'most-viewed', window: 'last-24-hours' });
    await createRanking({ name: 'Most read ever', slug: 'ever', kind: 'most-viewed', window: 'all-time' });
    await createRanking({ name: 'Most loved this week', slug: 'loved', kind: 'most-reacted', window: 'last-7-days' });

    await viewsAt(old, NOW - 3 * HOUR, 9);
    await viewsAt(fresh, NOW - 10 * 60_000, 4);
    await reactionsAt(loved, NOW - 2 * 24 * HOUR, 3);
    await tickAt(NOW);

    expect(await servedIds('hour')).toEqual([fresh]);
    expect(await servedIds('day')).toEqual([old, fresh]);
    const day = await served('day');
    expect(day.map((entry) => entry.views)).toEqual([9, 4]);
    expect(day[0]).toMatchObject({ title: 'Old news that many read', slug: expect.any(String), pinned: false });
    expect(await servedIds('loved')).toEqual([loved]);
    expect((await served('loved'))[0].reactions).toBe(3);

    // A day later the 24-hour ranking has nothing left; all-time keeps every view.
    await tickAt(NOW + 25 * HOUR);
    expect(await servedIds('day')).toEqual([]);
    expect(await servedIds('ever')).toEqual([old, fresh]);
    // Eight days after the reactions, the 7-day ranking has forgotten them.
    await tickAt(NOW + 6 * 24 * HOUR + 2 * HOUR);
    expect(await servedIds('loved')).toEqual([]);
  });

  it('ranks a rising article above a steadily popular one and a quiet one with two views', async () => {
    const start = NOW + 30 * 24 * HOUR;
    const steady = await article('Steadily popular explainer');
    const rising = await article('Rising breaking story');
    const quiet = await article('Quiet article with two views');
    await countersService(strapi).settle();
    await createRanking({ name: 'Trending', slug: 'trending-now', kind: 'trending', window: 'last-24-hours' });
    for (let hour = 23; hour >= 0; hour -= 1) {
      await viewsAt(steady, start - hour * HOUR, 30);
      await viewsAt(rising, start - hour * HOUR, hour < 6 ? 40 : 2);
    }
    await viewsAt(quiet, start, 2);
    await tickAt(start);
    const entries = await served('trending-now');
    expect(entries.map((entry) => entry.documentId)).toEqual([rising, steady, quiet]);
    expect(entries[0].trend).toBeGreaterThan(10 * (entries[1].trend ?? 0));
  });

  it('shows pins first, never shows excluded articles, and keeps a section scope with its sub-sections', async () => {
    const start = NOW + 40 * 24 * HOUR;
    const sections = documentsOf<{ documentId: string }>(strapi, SECTION);
    const news = (await sections.create({ locale: 'en', data: { name: 'Ranked news', slug: 'ranked-news' } })).documentId;
    const world = (await sections.create({ locale: 'en', data: { name: 'Ranked world', slug: 'ranked-world', parent: news } })).documentId;
    const sport = (await sections.create({ locale: 'en', data: { name: 'Ranked sport', slug: 'ranked-sport' } })).documentId;
    const top = await article('Top story in news', { section: news });
    const abroad = await article('Story from abroad', { section: world });
    const match = await article('Match report', { section: sport });
    const pick = await article('Editors like this one', { section: sport });
    await countersService(strapi).settle();
    await viewsAt(top, start, 30);
    await viewsAt(abroad, start, 20);
    await viewsAt(match, start, 25);

    await createRanking({ name: 'Curated most read', slug: 'curated', kind: 'most-viewed', window: 'last-24-hours', size: 3, pinned: [pick], excluded: [top] });
    await createRanking({ name: 'Most read in news', slug: 'in-news', kind: 'most-viewed', window: 'last-24-hours', section: news });
    await createRanking({ name: 'Picks', slug: 'picks', kind: 'editors-picks', window: 'all-time', pinned: [abroad, pick] });
    await tickAt(start);

    const curated = await served('curated');
    expect(curated.map((entry) => [entry.documentId, entry.pinned])).toEqual([
      [pick, true],
      [match, false],
      [abroad, false],
    ]);
    expect(await servedIds('in-news')).toEqual([top, abroad]);
    const picks = await served('picks');
    expect(picks.map((entry) => entry.documentId)).toEqual([abroad, pick]);
    expect(picks[0]).not.toHaveProperty('views');
  });

  it('drops an unpublished article from every ranking at the next tick', async () => {
    const start = NOW + 50 * 24 * HOUR;
    const leaving = await article('Soon to be unpublished');
    await countersService(strapi).settle();
    await viewsAt(leaving, start, 50);
    await createRanking({ name: 'Picks with the leaver', slug: 'picks-leaving', kind: 'editors-picks', window: 'all-time', pinned: [leaving] });
    await tickAt(start);
    expect((await servedIds('day'))[0]).toBe(leaving);
    expect(await servedIds('picks-leaving')).toEqual([leaving]);

    await documentsOf(strapi, ARTICLE).unpublish({ documentId: leaving, locale: 'en' });
    await tickAt(start + 60_000);
    expect(await countRows(strapi.db.connection('newsroom_ranking_entries').where({ article_id: leaving }))).toBe(0);
    expect(await servedIds('day')).not.toContain(leaving);
  });

  it('runs a scheduled tick once across instances, and lets a stale lease be taken over', async () => {
    // A refresh the earlier rankings' saves asked for may still be retrying: it would hold the
    // lock, under this test's clock, while the other instance claims it. Stopped first.
    await rankingsService(strapi).stop();
    try {
      const start = NOW + 60 * 24 * HOUR;
      setClock(start);
      expect(await rankingsService(strapi).runScheduledTick()).toBe(true);
      expect(await rankingsService(strapi).runScheduledTick()).toBe(false);
      // Another instance, same tick: refused; the next tick: granted.
      const other = createRankingLock(() => strapi.db.connection, 'other-instance');
      expect(await other.claimTick(Math.floor(start / 60_000), start, 120_000)).toBe(false);
      expect(await other.claimTick(Math.floor(start / 60_000) + 1, start + 60_000, 120_000)).toBe(true);
      // It dies holding the lock: nobody runs until its lease is over.
      setClock(start + 2 * 60_000);
      expect(await rankingsService(strapi).runScheduledTick()).toBe(false);
      setClock(start + 60_000 + 120_001);
      expect(await rankingsService(strapi).runScheduledTick()).toBe(true);
    } finally {
      await rankingsService(strapi).start();
    }
  });

  it('serves a ranking with Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    const first = await request(base).get('/api/newsroom/rankings/day').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.body.data).toMatchObject({ slug: 'day', kind: 'most-viewed', window: '24h', locale: 'en' });

    const again = await request(base).get('/api/newsroom/rankings/day').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);

    // Same counts, next tick: the same ETag. New views: a new one.
    const time = clockService(strapi).now();
    await tickAt(time + 60_000);
    expect((await request(base).get('/api/newsroom/rankings/day').set('If-None-Match', etag)).status).toBe(304);
    const reader = await article('A new story takes the lead');
    await countersService(strapi).settle();
    await viewsAt(reader, time + 2 * 60_000, 80);
    await tickAt(time + 2 * 60_000);
    const changed = await request(base).get('/api/newsroom/rankings/day').set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.data.entries[0].documentId).toBe(reader);
  });

  it('serves each locale its own list, and answers 404 and 400 in the error envelope', async () => {
    const french = await article('Un article très lu', {}, 'fr');
    await countersService(strapi).settle();
    const dayId = (await documentsOf<{ documentId: string }>(strapi, RANKING).findFirst({ locale: 'en', filters: { slug: 'day' } }))?.documentId as string;
    await documentsOf(strapi, RANKING).update({
      documentId: dayId,
      locale: 'fr',
      data: { name: 'Les plus lus du jour', kind: 'most-viewed', window: 'last-24-hours', size: 8 },
    });
    const time = clockService(strapi).now();
    setClock(time);
    expect(await countersService(strapi).recordView({ documentId: french, locale: 'fr', visitor: { ip: '198.51.100.9', userAgent: readerAgent('fr') } })).toBe(
      'counted',
    );
    await countersService(strapi).flush();
    await tickAt(time + 60_000);
    expect(await servedIds('day', '?locale=fr')).toEqual([french]);
    expect(await servedIds('day')).not.toContain(french);

    const missing = await request(base).get('/api/newsroom/rankings/no-such-ranking');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    // Slugs compare exactly on every database (MySQL's and MariaDB's default collations ignore case).
    expect((await request(base).get('/api/newsroom/rankings/DAY')).status).toBe(404);
    for (const path of ['/api/newsroom/rankings/day?locale=%3Cscript%3E', '/api/newsroom/rankings/day?populate=*', '/api/newsroom/rankings/bad$slug']) {
      const response = await request(base).get(path);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
  });
});
