import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { testDatabaseClient } from '../../support/test-database';
import { createArticle } from '../support/articles';
import { countersService, readerAgent } from '../support/counters';
import { archiveReads, sentOne, statementsDuring } from '../support/query-plans';

const RANKING = 'plugin::newsroom.ranking';

let strapi: Core.Strapi;
let base: string;

/**
 * What an idle instance's timers ask of the database: the worker's poll and consistency check,
 * the counters' flush and published index, the rankings' tick. At a million articles each runs
 * against tables of a million rows, in the app's thread on SQLite, where a read of a whole table
 * stops the site for seconds.
 */
describe("an idle instance's timers", () => {
  beforeAll(async () => {
    process.env.NEWSROOM_CONFIG = JSON.stringify({
      jobs: { pollIntervalMs: 100, checkIntervalSeconds: 1 },
      counters: { flushIntervalMs: 100, publishedRefreshSeconds: 1 },
      rankings: { schedule: { enabled: true, intervalSeconds: 5 } },
    });
    strapi = await startPlayground();
    base = await listen(strapi);
  });

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
  });

  it('seek an index or read one alone, never a whole table of the archive', async () => {
    const articles: string[] = [];
    for (let i = 0; i < 6; i += 1)
      articles.push(await createArticle(strapi, { title: `Harbour strike, day ${i}`, paragraphs: [`Dockers stayed out on day ${i}.`] }));
    await documentsOf(strapi, RANKING).create({
      locale: 'en',
      data: { name: 'Most read today', slug: 'today', kind: 'most-viewed', window: 'last-24-hours', size: 5 },
    });
    await countersService(strapi).settle();

    // Longer than the slowest timer's interval (the rankings' 5 s), views arriving throughout.
    const statements = await statementsDuring(strapi.db.connection, async () => {
      for (let second = 0; second < 6; second += 1) {
        await request(base)
          .post(`/api/newsroom/articles/${articles[second]}/views`)
          .set('User-Agent', readerAgent(`reader-${second}`));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });

    // Each timer ran (names quoted as each database quotes them).
    const ran = (text: string): boolean => sentOne(statements, text);
    expect(ran('from `newsroom_related_jobs`')).toBe(true);
    expect(ran('from `newsroom_related_profiles`')).toBe(true);
    expect(ran('from `newsroom_articles` where `published_at` is not null and `document_id` >=')).toBe(true);
    expect(ran('into `newsroom_counter_')).toBe(true);
    expect(ran('update `newsroom_ranking_lock`')).toBe(true);
    expect(ran('from `newsroom_counter_buckets`')).toBe(true);

    // The plans are SQLite's: there every statement runs in the app's thread.
    if (testDatabaseClient() !== 'sqlite') return;
    expect(await archiveReads(strapi.db.connection, statements)).toEqual([]);
  });
});
