import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { createArticle } from '../support/articles';
import { countersService, readerAgent, storedTotal } from '../support/counters';
import { startInstance, type Instance } from '../support/instance';

/**
 * Two playground processes on one database behind a round-robin load balancer, without sticky
 * sessions: a reader's repeated view lands on either instance and must count once per dedupe
 * window all the same. This test process is A, a child process is B. Runs on every database
 * (`TEST_DATABASE=postgres` or `mysql`).
 */
const WINDOW_MS = 1800 * 1000;
const handle = temporaryDatabase();
let a: Core.Strapi;
let b: Instance;
let urlA: string;

const flushA = async (): Promise<void> => {
  await countersService(a).flush();
};
const flushB = async (): Promise<void> => {
  await b.send('flush');
};
const view = (onA: boolean, documentId: string, visitor: string) =>
  request(onA ? urlA : b.url)
    .post(`/api/newsroom/articles/${documentId}/views`)
    .set('User-Agent', readerAgent(visitor))
    .expect(202);

/** Waits out the end of a dedupe window when it is near: repeats straddling it would count twice. */
const awayFromWindowEnd = async (): Promise<void> => {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
};

const articles = async (count: number, title: string): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await createArticle(a, { title: `${title} ${i}`, paragraphs: [`${title} ${i}: a story read twice.`] }));
  return ids;
};

const seenRows = (documentIds: string[]): Promise<number> => countRows(a.db.connection('newsroom_counter_seen_views').whereIn('document_id', documentIds));

beforeAll(async () => {
  // Flushes happen when the test asks for them only, so it decides what is buffered and where.
  process.env.NEWSROOM_CONFIG = JSON.stringify({
    rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
    jobs: { refreshAfterIdleSeconds: 0 },
    counters: { flushIntervalMs: 60_000, dedupeWindowSeconds: WINDOW_MS / 1000 },
  });
  a = await startPlayground({ databaseFile: handle });
  urlA = await listen(a);
});

afterAll(async () => {
  await b?.stop();
  await stopPlayground(a);
  delete process.env.NEWSROOM_CONFIG;
  await removeDatabase(handle);
});

describe('exact view counts across two instances', () => {
  let early: string[];
  let late: string[];

  beforeAll(async () => {
    early = await articles(3, 'Read on both sides');
    late = await articles(3, 'Read round robin');
    await countersService(a).settle();
    // B loads the published articles at its start.
    b = await startInstance(handle, { NEWSROOM_CONFIG: process.env.NEWSROOM_CONFIG ?? '' });
  });

  it('counts once a repeat that both instances buffered, whichever flushes first', async () => {
    await awayFromWindowEnd();
    const visitors = Array.from({ length: 60 }, (_, v) => ({ name: `both-${v}`, documentId: early[v % 3] }));
    await Promise.all(visitors.map((visitor) => view(true, visitor.documentId, visitor.name)));
    // Every visitor repeats on B, a third of them also on A again.
    await Promise.all(visitors.map((visitor) => view(false, visitor.documentId, visitor.name)));
    await Promise.all(visitors.filter((_, v) => v % 3 === 0).map((visitor) => view(true, visitor.documentId, visitor.name)));
    await Promise.all([flushA(), flushB()]);

    for (const documentId of early) expect(await storedTotal(a, documentId, 'view')).toBe(20);
    const buckets = await a.db.connection('newsroom_counter_buckets').sum({ n: 'count' }).whereIn('document_id', early).where({ metric: 'view' }).first();
    expect(Number(buckets?.n)).toBe(60);
    expect(await seenRows(early)).toBe(60);
  });

  it('counts each visitor once over several flushes when every view goes to the next instance in turn', async () => {
    await awayFromWindowEnd();
    // Visitor v sends 1 + v % 4 views, one per wave, to A and B in turn; every fifth visitor
    // also repeats on the same instance within a wave. Flushes come between waves, on one
    // instance, the other or both at once.
    const visitors = Array.from({ length: 120 }, (_, v) => ({ name: `turns-${v}`, documentId: late[v % 3], views: 1 + (v % 4), first: v % 2 === 0 }));
    const flushesAfter = [async () => undefined, () => Promise.all([flushA(), flushB()]), flushA, flushB];
    for (let wave = 0; wave < 4; wave += 1) {
      const sending = visitors.filter((visitor) => visitor.views > wave);
      await Promise.all(
        sending.flatMap((visitor, v) => {
          const onA = visitor.first === (wave % 2 === 0);
          return v % 5 === 0
            ? [view(onA, visitor.documentId, visitor.name), view(onA, visitor.documentId, visitor.name)]
            : [view(onA, visitor.documentId, visitor.name)];
        }),
      );
      await flushesAfter[wave]();
    }
    await Promise.all([flushA(), flushB()]);

    for (const documentId of late) expect(await storedTotal(a, documentId, 'view')).toBe(40);
    expect(await seenRows(late)).toBe(120);
  });
});
