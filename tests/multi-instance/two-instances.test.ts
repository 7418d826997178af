import { readFileSync } from 'fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { DEMO_ADMIN } from '../support/admin';
import { ARTICLE, createArticle } from '../support/articles';
import { countersService, rankingsService, readerAgent, storedTotal } from '../support/counters';
import { startInstance, type Instance } from '../support/instance';
import { eventually } from '../support/eventually';
import { FIELDS, graphql } from '../support/graphql';
import { listOf, refreshCoversEverySave, relatedService, storedLists } from '../support/related';

/**
 * Playground processes on one database, as behind a load balancer: this test process (A) and a
 * child process (B), both running the worker, and a child process (C) that only serves
 * (`jobs.runWorker: false`). Runs on every database (`npm test`, `npm run test:postgres`, `npm run test:mysql`).
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
let c: Instance;
let cRunning = false;
let urlA: string;
const seenByA: Recomputed[] = [];
/** Each story's articles, saved by the first test. */
const ids: string[][] = [[], [], []];
/** Resident memory (kB) of B and C once started. */
const rss: { worker: number; serving: number } = { worker: 0, serving: 0 };

const residentKb = (pid: number): number => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

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
  rss.worker = residentKb(b.pid);
  c = await startInstance(handle, {
    NEWSROOM_CONFIG: JSON.stringify({
      rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
      jobs: { runWorker: false, refreshAfterIdleSeconds: 3, refreshMinIntervalSeconds: 0 },
    }),
  });
  cRunning = true;
  rss.serving = residentKb(c.pid);
});

afterAll(async () => {
  if (cRunning) await c.stop();
  if (bRunning) await b.stop();
  await stopPlayground(a);
  delete process.env.NEWSROOM_CONFIG;
  await removeDatabase(handle);
});

describe('two instances on one database', () => {
  it('lists articles saved on either instance in each other’s lists, computing one job at a time', async () => {
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

  describe('an instance that only serves (jobs.runWorker: false)', () => {
    const API = '/api/newsroom';
    const tokens = new Map<string, string>();
    /** An admin session on the instance at `base`, logged in through its own login route. */
    const adminOn = async (base: string) => {
      if (!tokens.has(base)) tokens.set(base, String((await request(base).post('/admin/login').send(DEMO_ADMIN).expect(200)).body.data.token));
      const token = tokens.get(base);
      return (method: 'get' | 'post' | 'put', url: string) => request(base)[method](url).set('Authorization', `Bearer ${token}`);
    };
    const slugOf = async (documentId: string): Promise<string> =>
      String((await a.documents(ARTICLE).findOne({ documentId, locale: 'en', status: 'published', fields: ['slug'] }))?.slug);
    /** Every content-API read of these articles, as REST and GraphQL answer them on the instance at `base`. */
    const reads = async (base: string, slugs: string[]) => {
      const paths = ['/sections', '/articles?pageSize=50', '/rankings/most-read'];
      for (const slug of slugs) paths.push(`/articles/${slug}`, `/articles/${slug}/page`, `/articles/${slug}/story`, `/recommendations?article=${slug}`);
      const rest = await Promise.all(
        paths.map(async (path) => {
          const response = await request(base).get(`${API}${path}`);
          return { path, status: response.status, body: response.body as unknown };
        }),
      );
      const graph = await Promise.all(
        slugs.map(
          async (slug) =>
            (await graphql(base, `{ newsroomArticlePage(slug: "${slug}") { ${FIELDS.page} } newsroomStory(slug: "${slug}") { ${FIELDS.story} } }`)).body,
        ),
      );
      return { rest, graph };
    };
    /** Jobs computed by the two worker instances since `since`, for this article. */
    const computedBy = async (documentId: string, since: number) =>
      [...seenByA, ...(await b.send<Recomputed[]>('recomputed'))].filter((event) => event.documentId === documentId && event.startedAt >= since);

    it('holds no related index and says so, beside a worker that holds one', async () => {
      console.log(`resident memory after start-up: worker instance (B) ${rss.worker} kB, serving-only instance (C) ${rss.serving} kB`);
      const serving = (await (await adminOn(c.url))('get', '/newsroom/dashboard').expect(200)).body.data.health;
      const worker = (await (await adminOn(b.url))('get', '/newsroom/dashboard').expect(200)).body.data.health;
      expect(serving).toMatchObject({ role: 'serving', index: 'none' });
      expect(worker).toMatchObject({ role: 'worker', index: 'memory' });
      // The same stored data, whoever reports it.
      expect(serving.indexed).toBe(worker.indexed);
      expect(serving.lists).toBe(worker.lists);
      // Sanity: its memory is no more than the worker's (which adds the index of every published article).
      expect(rss.serving).toBeLessThan(rss.worker * 1.1);
      expect(await c.send<Recomputed[]>('recomputed')).toEqual([]);
    });

    it('serves every content-API read (REST and GraphQL) exactly as a worker instance does', async () => {
      const slugs = await Promise.all(ids.map((story) => slugOf(story[0])));
      const page = (await request(c.url).get(`${API}/articles/${slugs[0]}/page`).expect(200)).body.data;
      // Lists and stories there are to compare.
      expect(page.related.length).toBeGreaterThan(0);
      expect(page.story.size).toBeGreaterThan(1);
      let answers = { fromWorker: {}, fromServing: {} };
      // Answer caches catch up with a change within their poll: compare until they agree, then
      // let the assertion below show any difference that stayed.
      await eventually(async () => {
        const [fromWorker, fromServing] = await Promise.all([reads(b.url, slugs), reads(c.url, slugs)]);
        answers = { fromWorker, fromServing };
        return JSON.stringify(fromWorker) === JSON.stringify(fromServing);
      }, 20_000).catch(() => undefined);
      expect(answers.fromServing).toEqual(answers.fromWorker);
      const { rest } = await reads(c.url, slugs);
      expect(rest.filter((read) => read.status !== 200)).toEqual([]);
    });

    it('queues a save made through it, and the worker computes its list', async () => {
      // Not while a refresh writes (SQLite: a save whose transaction read before another process's commit cannot write).
      await eventually(async () => (await latestRun())?.status !== 'running', 60_000);
      const since = Date.now();
      const saved = await c.send<string>('create', story(0, 2));
      await eventually(async () => (await computedBy(saved, since)).length > 0, 30_000);
      expect(await listOf(a, saved)).toEqual(expect.arrayContaining([ids[0][0]]));
      const slug = await slugOf(saved);
      await eventually(async () => {
        const served = (await request(c.url).get(`${API}/articles/${slug}/page`)).body.data?.related ?? [];
        return JSON.stringify(served.map((card: { documentId: string }) => card.documentId)) === JSON.stringify(await listOf(a, saved));
      }, 20_000);
      expect(await c.send<Recomputed[]>('recomputed')).toEqual([]);
    });

    it('answers a draft preview with a clear 503 in the error envelope; the worker instance previews it', async () => {
      const draftId = await createArticle(a, { title: `${story(1, 0).title} (draft)`, paragraphs: story(1, 0).texts, publish: false });
      const refused = await (await adminOn(c.url))('get', `/newsroom/related/${draftId}?locale=en`).expect(503);
      expect(refused.body).toEqual({
        data: null,
        error: {
          status: 503,
          name: 'WorkerOnlyError',
          message: expect.stringMatching(/computed by the worker instance; this instance only serves/),
          details: { reason: 'serving-only' },
        },
      });
      const preview = async () => (await (await adminOn(b.url))('get', `/newsroom/related/${draftId}?locale=en`).expect(200)).body.data;
      // A worker's job that met a locked SQLite file is retried a moment later: until then its
      // index may lack that article, and so does the preview.
      await eventually(async () => (await preview()).links.some((link: { documentId: string }) => link.documentId === ids[1][0]), 30_000).catch(
        () => undefined,
      );
      const previewed = await preview();
      expect(previewed).toMatchObject({ state: 'draft', source: 'preview' });
      expect(previewed.links.map((link: { documentId: string }) => link.documentId)).toContain(ids[1][0]);
    });

    it('hands "recompute now" to the worker instance through the queue', async () => {
      const [target] = ids[2];
      const since = Date.now();
      const answer = await (await adminOn(c.url))('post', `/newsroom/related/${target}/recompute`).send({ locale: 'en' }).expect(200);
      expect(answer.body.data).toMatchObject({ documentId: target, source: 'stored', queued: 'worker' });
      // Its content did not change: only a forced job recomputes (and reports) it.
      await eventually(async () => (await computedBy(target, since)).length > 0, 30_000);
      expect(await a.db.connection('newsroom_related_jobs').where({ document_id: target })).toEqual([]);
      expect(await c.send<Recomputed[]>('recomputed')).toEqual([]);
      // A worker instance recomputes it itself.
      const done = await (await adminOn(b.url))('post', `/newsroom/related/${target}/recompute`).send({ locale: 'en' }).expect(200);
      expect(done.body.data.queued).toBeUndefined();
    });

    it('records a rebuild asked through it for the worker instance', async () => {
      await eventually(async () => (await latestRun())?.status !== 'running', 60_000);
      const started = await (await adminOn(c.url))('post', '/newsroom/rebuild').send({}).expect(202);
      expect(started.body.data).toMatchObject({ kind: 'full', status: 'running' });
      const run = () => a.db.connection('newsroom_related_rebuilds').where({ id: started.body.data.id }).first();
      await eventually(async () => (await run())?.status === 'done', 120_000);
      expect(await c.send<Recomputed[]>('recomputed')).toEqual([]);
    });

    it('applies a related settings save made through it without building an index; a worker instance rebuilds', async () => {
      const admin = await adminOn(c.url);
      const longestList = async () => Number((await a.db.connection('newsroom_related_links').max({ position: 'position' }).first())?.position) + 1;
      const { listSize } = (await admin('get', '/newsroom/settings').expect(200)).body.data.settings.related;
      expect(await longestList()).toBe(listSize);
      for (const size of [listSize - 2, listSize]) {
        await eventually(async () => (await latestRun())?.status !== 'running', 60_000);
        const saved = await admin('put', '/newsroom/settings')
          .send({ related: { listSize: size } })
          .expect(200);
        expect(saved.body.data.rebuildStarted).toBe(true);
        const rebuild = await latestRun();
        expect(rebuild).toMatchObject({ kind: 'full' });
        await eventually(async () => (await a.db.connection('newsroom_related_rebuilds').where({ id: rebuild.id }).first())?.status === 'done', 120_000);
        expect(await longestList()).toBe(size);
        expect((await admin('get', '/newsroom/dashboard').expect(200)).body.data.health).toMatchObject({ role: 'serving', index: 'none' });
      }
      expect(await c.send<Recomputed[]>('recomputed')).toEqual([]);
    });
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
