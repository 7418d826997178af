import { execFileSync } from 'child_process';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { REPOSITORY_DIR } from '../../support/paths';
import { testDatabaseClient } from '../../support/test-database';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { countersService, rankingsService, readerAgent, storedTotal } from '../support/counters';
import { eventually } from '../support/eventually';

/**
 * The database goes away under load and comes back: PostgreSQL and MariaDB only
 * (`npm run test:postgres`, `npm run test:mysql`), on the throw-away server of
 * `scripts/ci/postgres-test-server.sh` or `scripts/ci/mysql-test-server.sh`, which this test
 * stops and starts again.
 */
const script = `scripts/ci/${testDatabaseClient() === 'mysql' ? 'mysql' : 'postgres'}-test-server.sh`;
const server = (command: 'start' | 'stop'): void => {
  execFileSync(path.join(REPOSITORY_DIR, script), [command], { stdio: 'ignore' });
};

let strapi: Core.Strapi;
let base: string;

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ counters: { flushIntervalMs: 200 }, rankings: { schedule: { enabled: false, intervalSeconds: 60 } } });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await rankingsService(strapi).recomputeNow();
});

afterAll(async () => {
  server('start');
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

it('answers 503 in the error envelope while the database server is down, stays up, and recovers by itself', async () => {
  const [article] = await strapi.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', limit: 1, fields: ['documentId'] });
  const ranking = () => request(base).get('/api/newsroom/rankings/most-read');
  expect((await ranking()).status).toBe(200);

  server('stop');
  const during = await Promise.all(Array.from({ length: 20 }, () => ranking()));
  for (const response of during) {
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ data: null, error: expect.objectContaining({ status: 503, name: 'ServiceUnavailableError' }) });
  }
  // Views are buffered in memory: accepted now, written once the database is back.
  const views = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      request(base)
        .post(`/api/newsroom/articles/${article.documentId}/views`)
        .set('User-Agent', readerAgent(`outage-${i}`)),
    ),
  );
  for (const response of views) expect(response.status).toBe(202);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  server('start');
  // Recovers by itself: the same request answers 200 again once the database server is back.
  await eventually(async () => (await ranking()).status === 200, 30_000);
  await countersService(strapi).flush();
  expect(await storedTotal(strapi, article.documentId, 'view')).toBe(30);
});
