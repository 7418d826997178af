import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { createArticle } from '../support/articles';
import { countersService, rankingsService, readerAgent, storedTotal } from '../support/counters';
import { startInstance, type Instance } from '../support/instance';
import { eventually } from '../support/eventually';
import { listOf, refreshCoversEverySave, relatedService, storedLists } from '../support/related';

/**
 * Two playground processes on one database, as behind a load balancer: this test process (A)
 * and a child process (B). Runs on SQLite (`npm test`) and PostgreSQL (`npm run test:postgres`).
 */
interface Recomputed {
  documentId: string;
  startedAt: number;
  finishedAt: number;
}

const handle = temporaryDatabase();
/** The latest rebuild or refresh, as stored. */
const latestRun = () => a.db.connection('newsroom_related_rebuilds').orderBy('id', 'desc').first();
let a: Core.Strapi;
let b: Instance;
let bRunning = false;
let urlA: string;
const seenByA: Recomputed[] = [];

const stories = [
  [
    'Harbour crane collapse',
    'The harbour crane at Osterby quay collapsed onto a container ship during the storm; dockers at Osterby said the crane brakes had failed.',
  ],
  ['Beekeepers report hive losses', 'Beekeepers in the Varn hills lost half their hives to the mite; the Varn beekeepers association blamed the wet spring.'],
  ['Tram line extension opens', 'The new tram line extension to Karsby opened on Monday; Karsby commuters queued for the first tram across the river bridge.'],
];
const story = (index: number, edition: number) => ({
  title: `${stories[index][0]} ${edition === 0 ? 'as crews respond' : 'as inquiry begins'}`,
  texts: [stories[index][1], `${stories[index][1]} Officials gave an update on day ${edition + 1}.`],
});

beforeAll(async () => {
  // Refreshes as soon as saves pause, so the test sees lists converge within seconds.
  process.env.NEWSROOM_CONFIG = JSON.stringify({
    rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
    jobs: { refreshAfterIdleSeconds: 3, refreshMinIntervalSeconds: 0 },
  });
  a = await startPlayground({ databaseFile: handle, seed: true });
  a.eventHub.on('newsroom.related.recomputed', async (event: Recomputed) => {
    seenByA.push(event);
  });
  urlA = await listen(a);
  await relatedService(a).settle();
  // The seed's saves are followed by a refresh: let it end before a second process writes too.
  await eventually(async () => (await latestRun())?.status === 'done', 60_000);
  b = await startInstance(handle, { NEWSROOM_CONFIG: process.env.NEWSROOM_CONFIG });
  bRunning = true;
});

afterAll(async () => {
  if (bRunning) await b.stop();
  await stopPlayground(a);
  delete process.env.NEWSROOM_CONFIG;
  await removeDatabase(handle);
});

describe('two instances on one database', () => {
  it('lists articles saved on either instance in each other’s lists, computing one job at a time', async () => {
    const ids: string[][] = [[], [], []];
    // Each story gets one article through each instance, interleaved, without waiting.
    for (let edition = 0; edition < 2; edition += 1) {
      for (let index = 0; index < stories.length; index += 1) {
        const onA = (index + edition) % 2 === 0;
        ids[index].push(
          onA
            ? await createArticle(a, { title: story(index, edition).title, paragraphs: story(index, edition).texts })
            : await b.send<string>('create', story(index, edition)),
        );
      }
    }
    await b.send('settle');
    await relatedService(a).settle();
    await b.send('settle');

    for (const [first, second] of ids) {
      expect((await listOf(a, first))[0]).toBe(second);
      expect((await listOf(a, second))[0]).toBe(first);
    }
    const all = [...seenByA, ...(await b.send<Recomputed[]>('recomputed'))].sort((x, y) => x.startedAt - y.startedAt);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < all.length; i += 1) expect(all[i].startedAt).toBeGreaterThanOrEqual(all[i - 1].finishedAt);
  });

  it('computes each scheduled rankings tick on one instance only', async () => {
    let runs = 0;
    for (let round = 0; round < 3; round += 1) {
      const ran = await Promise.all([rankingsService(a).runScheduledTick(), b.send<boolean>('tick')]);
      // Both ask for the same tick at once: one runs it. Later rounds find it taken (unless a new
      // minute began, whose tick one of them runs).
      expect(ran.filter(Boolean).length).toBeLessThanOrEqual(1);
      runs += ran.filter(Boolean).length;
    }
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
  });

  it('counts every view sent to either instance exactly once', async () => {
    const [target] = await a.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', limit: 1, fields: ['documentId'] });
    const before = await storedTotal(a, target.documentId, 'view');
    const sends = Array.from({ length: 200 }, (_, i) =>
      request(i % 2 === 0 ? urlA : b.url)
        .post(`/api/newsroom/articles/${target.documentId}/views`)
        .set('User-Agent', readerAgent(`two-instances-${i}`))
        .expect(202),
    );
    await Promise.all(sends);
    await countersService(a).flush();
    await b.send('flush');
    expect((await storedTotal(a, target.documentId, 'view')) - before).toBe(200);
  });

  it('counts every reaction sent to either instance exactly once', async () => {
    const [target] = await a.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', limit: 1, fields: ['documentId'] });
    const before = await storedTotal(a, target.documentId, 'reaction', 'veryGood');
    const sends = Array.from({ length: 100 }, (_, i) =>
      request(i % 2 === 0 ? urlA : b.url)
        .post(`/api/newsroom/articles/${target.documentId}/reactions`)
        .set('User-Agent', readerAgent(`two-instances-reaction-${i}`))
        .send({ kind: 'veryGood' })
        .expect(200),
    );
    await Promise.all(sends);
    await countersService(a).flush();
    await b.send('flush');
    expect((await storedTotal(a, target.documentId, 'reaction', 'veryGood')) - before).toBe(100);
  });

  it('converges on exactly the lists a single-instance full rebuild stores', async () => {
    const db = a.db.connection;
    const lists = () => storedLists(db);
    // Not while a refresh started by the earlier saves writes: on SQLite, a save whose
    // transaction read before another process's commit cannot write (SQLITE_BUSY_SNAPSHOT).
    await eventually(async () => (await latestRun())?.status !== 'running', 60_000);
    // More saves spread over both instances: each shifts the statistics every other list uses.
    for (let edition = 2; edition < 4; edition += 1) {
      for (let index = 0; index < stories.length; index += 1) {
        if ((index + edition) % 2 === 0) await createArticle(a, { title: story(index, edition).title, paragraphs: story(index, edition).texts });
        else await b.send<string>('create', story(index, edition));
      }
    }
    await relatedService(a).settle();
    await b.send('settle');
    // Saves have paused: the refresh runs on whichever instance works next, and covers every save.
    await eventually(() => refreshCoversEverySave(db), 60_000);
    const refreshed = await lists();
    expect(refreshed.length).toBeGreaterThan(100);

    await b.stop();
    bRunning = false;
    await relatedService(a).startRebuild();
    await relatedService(a).settle();
    expect(await relatedService(a).rebuildStatus()).toMatchObject({ kind: 'full', status: 'done' });
    expect(await lists()).toEqual(refreshed);
  });
});
