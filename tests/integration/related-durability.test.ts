import { spawnSync } from 'child_process';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR } from '../../support/paths';
import { databaseEnv, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { createArticle, paragraphs } from '../support/articles';
import { listOf, relatedService } from '../support/related';

const story = (headline: string, detail: string) => ({
  title: headline,
  paragraphs: [
    `Salt miners at the Drossel pit in Kallberg went on strike over ventilation in the deep Drossel galleries. ${detail}`,
    'The Kallberg miners union said the Drossel ventilation shafts had failed twice this month and that salt dust levels were unsafe for the galleries.',
    'Managers of the Drossel salt mine said repairs to the ventilation system would take a fortnight and offered the Kallberg miners paid leave.',
  ],
});

describe('durable recompute', () => {
  const databaseFile = temporaryDatabase();
  let strapi: Core.Strapi | undefined;

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
    await removeDatabase(databaseFile);
  });

  it('completes the recompute of a save whose process was killed before it ran', async () => {
    strapi = await startPlayground({ databaseFile });
    const first = await createArticle(strapi, story('Kallberg salt miners strike over Drossel ventilation', 'Production stopped on the night shift.'));
    await createArticle(strapi, {
      title: 'City council approves new cycle lanes',
      paragraphs: ['The council approved twelve kilometres of protected cycle lanes along the river embankment.'],
    });
    await relatedService(strapi).settle();
    await stopPlayground(strapi);
    strapi = undefined;

    const child = spawnSync(
      process.execPath,
      [
        require.resolve('../support/save-then-die.js'),
        JSON.stringify({
          PLAYGROUND_DIR,
          PLAYGROUND_DIST_DIR,
          article: {
            title: 'Drossel salt mine reopens galleries after Kallberg strike',
            body: paragraphs(...story('', 'The galleries reopened on Monday.').paragraphs),
          },
        }),
      ],
      {
        env: { ...process.env, ...databaseEnv(databaseFile), DEMO_SEED: 'false', NEWSROOM_CONFIG: JSON.stringify({ jobs: { runWorker: false } }) },
        encoding: 'utf8',
        timeout: 120000,
      },
    );
    expect(child.signal).toBe('SIGKILL');
    const { documentId: saved } = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { documentId: string };

    strapi = await startPlayground({ databaseFile });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, saved)).toContain(first);
    expect((await listOf(strapi, first))[0]).toBe(saved);
    expect((await relatedService(strapi).health()).jobs).toEqual({ pending: 0, running: 0, failed: 0 });
  });

  it('does not fail the save when the recompute fails, and retries it', async () => {
    const related = relatedService(strapi as Core.Strapi);
    const knex = (strapi as Core.Strapi).db.connection;
    // Break the links table under the worker: every recompute now fails.
    await knex.schema.renameTable('newsroom_related_links', 'newsroom_related_links_away');
    const id = await createArticle(strapi as Core.Strapi, story('Kallberg miners vote to end Drossel strike', 'The vote was close.'));
    expect(id).toEqual(expect.any(String));
    await related.settle();
    const [job] = await knex('newsroom_related_jobs').where({ document_id: id });
    expect(job.attempts).toBeGreaterThanOrEqual(1);
    expect(job.last_error).toMatch(/newsroom_related_links/);

    await knex.schema.renameTable('newsroom_related_links_away', 'newsroom_related_links');
    await knex('newsroom_related_jobs').where({ document_id: id }).update({ run_after: 0 });
    await related.settle();
    expect(await listOf(strapi as Core.Strapi, id)).not.toEqual([]);
    expect(await knex('newsroom_related_jobs').where({ document_id: id })).toEqual([]);
  });
});

describe('a rebuild in the background', () => {
  let strapi: Core.Strapi | undefined;

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
  });

  it('leaves the server answering requests between its batches', async () => {
    process.env.NEWSROOM_CONFIG = JSON.stringify({ jobs: { rebuildBatchSize: 10 } });
    strapi = await startPlayground({ seed: true });
    const related = relatedService(strapi);
    await related.settle();
    await related.startRebuild();
    const rebuilt = related.settle().then(() => 'rebuild');
    const health = request(strapi.server.httpServer)
      .get('/_health')
      .then((response) => `health ${response.status}`);
    // SQLite answers synchronously: without yielding, the whole rebuild would run first.
    expect(await Promise.race([rebuilt, health])).toBe('health 204');
    await rebuilt;
    expect(await related.rebuildStatus()).toMatchObject({ status: 'done' });
  });
});

describe('configuration', () => {
  afterEach(() => {
    delete process.env.NEWSROOM_CONFIG;
  });

  it('refuses to start with a bad setting and names it', async () => {
    process.env.NEWSROOM_CONFIG = JSON.stringify({ related: { listSize: 0 } });
    await expect(startPlayground()).rejects.toThrow(/related\.listSize/);
  });

  it('refuses unknown settings', async () => {
    process.env.NEWSROOM_CONFIG = JSON.stringify({ related: { lisSize: 10 } });
    await expect(startPlayground()).rejects.toThrow(/related\.lisSize/);
  });
});
