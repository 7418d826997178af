import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { RebuildStatus } from '../../server/src/contracts/dashboard';
import { removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { createArticle } from '../support/articles';
import { eventually } from '../support/eventually';
import { countersService, readerAgent, storedTotal } from '../support/counters';
import { startInstance } from '../support/instance';
import { listOf, relatedService } from '../support/related';

/** Short leases, so that what a killed process held is free again within a second. */
const config = JSON.stringify({
  jobs: { leaseMs: 1000, rebuildBatchSize: 10 },
  counters: { flushIntervalMs: 200 },
  rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
});

describe('a process killed with SIGKILL', () => {
  const handle = temporaryDatabase();
  let strapi: Core.Strapi | undefined;

  beforeAll(() => {
    process.env.NEWSROOM_CONFIG = config;
  });

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
    await removeDatabase(handle);
  });

  it('in the middle of a related rebuild: the next start finishes it and every list is right', async () => {
    strapi = await startPlayground({ databaseFile: handle, seed: true });
    await relatedService(strapi).settle();
    await stopPlayground(strapi);
    strapi = undefined;

    const doomed = await startInstance(handle, { NEWSROOM_CONFIG: config });
    // Killed in any case: a test that fails before its kill must not leave the instance running.
    try {
      await doomed.send('rebuild');
      // The lists phase of a small site lasts well under a second: polled often, or it is missed.
      await eventually(
        async () => {
          const status = await doomed.send<RebuildStatus>('rebuildStatus');
          return status.phase === 'lists' && status.done < status.total;
        },
        60_000,
        10,
      );
    } finally {
      await doomed.kill();
    }

    strapi = await startPlayground({ databaseFile: handle });
    const related = relatedService(strapi);
    await eventually(async () => {
      await related.settle();
      return (await related.rebuildStatus())?.status === 'done';
    });
    const published = await strapi.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', fields: ['documentId'], limit: 1000 });
    const ids = new Set(published.map((article) => article.documentId));
    for (const { documentId } of published) {
      const list = await listOf(strapi, documentId);
      expect(list.length).toBeGreaterThan(0);
      for (const target of list) expect(ids.has(target)).toBe(true);
    }
  });

  it('in the middle of counting: it loses at most its unflushed views and never counts one twice', async () => {
    if (!strapi) strapi = await startPlayground({ databaseFile: handle });
    const documentId = await createArticle(strapi, { title: 'Counted before and after a crash', paragraphs: ['A story for the crash test.'] });
    await stopPlayground(strapi);
    strapi = undefined;

    const doomed = await startInstance(handle, { NEWSROOM_CONFIG: config });
    const send = (from: number, count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          request(doomed.url)
            .post(`/api/newsroom/articles/${documentId}/views`)
            .set('User-Agent', readerAgent(`crash-${from + i}`))
            .expect(202),
        ),
      );
    try {
      await send(0, 100);
      // Several flush intervals: these 100 are stored.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await send(100, 50);
    } finally {
      await doomed.kill();
    }

    strapi = await startPlayground({ databaseFile: handle });
    await countersService(strapi).flush();
    const stored = await storedTotal(strapi, documentId, 'view');
    expect(stored).toBeGreaterThanOrEqual(100);
    expect(stored).toBeLessThanOrEqual(150);
  });
});
