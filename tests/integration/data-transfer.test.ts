import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import { PLAYGROUND_DIR, REPOSITORY_DIR } from '../../support/paths';
import { startPlayground, stopPlayground } from '../../support/playground';
import { connectTo, databaseEnv, prepareDatabase, removeDatabase, temporaryDatabase } from '../../support/test-database';
import { createArticle, paragraphs } from '../support/articles';
import { eventually } from '../support/eventually';
import { startInstance, type Instance } from '../support/instance';
import { refreshCoversEverySave, relatedService, storedLists } from '../support/related';

/**
 * `strapi export` and `strapi import` as an operator runs them: the real CLI in child processes
 * on the playground's databases. The import writes with Strapi's hooks off, in one transaction:
 * a server running on the database notices it by itself, and one started afterwards starts
 * right; both end with the lists a full rebuild stores. Runs on SQLite and PostgreSQL in CI, on MariaDB with `npm run test:mysql`.
 */
const STRAPI = path.join(REPOSITORY_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
// The check's interval keeps its default (30 s): "within a minute" is the promise with defaults.
const CONFIG = JSON.stringify({
  rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
  jobs: { refreshAfterIdleSeconds: 2, refreshMinIntervalSeconds: 0 },
});

/**
 * The CLI compiles the app it runs into the app's `dist` first. Run on the playground itself, it
 * rewrote the compiled files under the other database's suite running beside it in CI (a boot
 * there read a half-written module): it runs on a copy of the playground's sources, beside it, so
 * that the plugin and the packages resolve as they do from the playground.
 */
const cliApp = fs.mkdtempSync(path.join(REPOSITORY_DIR, '.cli-playground-'));
for (const entry of ['config', 'database', 'src', 'public', 'package.json', 'tsconfig.json', 'favicon.png']) {
  fs.cpSync(path.join(PLAYGROUND_DIR, entry), path.join(cliApp, entry), { recursive: true });
}

const source = temporaryDatabase();
const target = temporaryDatabase();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-backup-'));
let instance: Instance | undefined;
let db: Knex;
const pair: string[] = [];

const story = [
  [
    'Tarn valley dam sluices opened as reservoir nears its crest',
    'Engineers opened the sluices of the Tarn valley dam as the reservoir neared its crest after a week of rain; villages below the Tarn dam were warned.',
  ],
  [
    'Tarn valley villages told to stay alert as dam releases water',
    'Villages below the Tarn valley dam were told to stay alert as engineers released water from the swollen reservoir for a second day.',
  ],
];

/** Runs the Strapi CLI on the playground's copy and a database; resolves when it exits with 0. */
const strapiCommand = (handle: string, args: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STRAPI, ...args], {
      cwd: cliApp,
      env: { ...process.env, ...databaseEnv(handle), DEMO_SEED: 'false', NEWSROOM_CONFIG: CONFIG },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`strapi ${args[0]} exited with ${code}:\n${output}`))));
  });

const exportTo = async (handle: string, name: string): Promise<string> => {
  await strapiCommand(handle, ['export', '--no-encrypt', '--no-compress', '-f', path.join(folder, name)]);
  return path.join(folder, `${name}.tar`);
};

const importInto = (handle: string, file: string) => strapiCommand(handle, ['import', '-f', file, '--force']);

const documentIdOf = async (knex: Knex, title: string): Promise<string> =>
  String((await knex('newsroom_articles').first('document_id').where({ title }).whereNotNull('published_at'))?.document_id);

const listOf = async (knex: Knex, documentId: string): Promise<string[]> =>
  knex('newsroom_related_links').where({ document_id: documentId, locale: 'en' }).orderBy('position').pluck('target_document_id');

/** No list shows or belongs to an article that is not published in its locale. */
const orphanLinks = async (knex: Knex): Promise<number> => {
  const rows = await knex('newsroom_related_links as l')
    .leftJoin('newsroom_articles as a', (on) => on.on('a.document_id', 'l.target_document_id').andOn('a.locale', 'l.locale').andOnNotNull('a.published_at'))
    .leftJoin('newsroom_articles as o', (on) => on.on('o.document_id', 'l.document_id').andOn('o.locale', 'l.locale').andOnNotNull('o.published_at'))
    .where((query) => query.whereNull('a.id').orWhereNull('o.id'))
    .count({ n: '*' });
  return Number(rows[0]?.n ?? 0);
};

/** The lists once the refresh after the last job has run, and those a full rebuild stores then. */
const listsAndRebuilt = async (running: Instance) => {
  await eventually(() => refreshCoversEverySave(db), 60_000);
  const converged = await storedLists(db);
  await running.send('rebuild');
  await running.send('settle');
  expect(await running.send<{ kind: string; status: string }>('rebuildStatus')).toMatchObject({ kind: 'full', status: 'done' });
  return { converged, rebuilt: await storedLists(db) };
};

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = CONFIG;
  const strapi = await startPlayground({ databaseFile: source, seed: true });
  try {
    for (const [title, text] of story)
      pair.push(await createArticle(strapi, { title, paragraphs: [text, `${text} Officials will review the levels at dawn.`] }));
    await relatedService(strapi).settle();
  } finally {
    await stopPlayground(strapi);
  }
  await prepareDatabase(target);
  db = connectTo(target);
}, 300_000);

afterAll(async () => {
  await instance?.stop();
  await db?.destroy();
  delete process.env.NEWSROOM_CONFIG;
  await removeDatabase(source);
  await removeDatabase(target);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(cliApp, { recursive: true, force: true });
});

describe('strapi export, then strapi import', () => {
  it("is noticed by a server running on the database within a minute, and ends with a full rebuild's lists", async () => {
    const backup = await exportTo(source, 'first');
    instance = await startInstance(target, { DEMO_SEED: 'true', NEWSROOM_CONFIG: CONFIG });
    await instance.send('settle');
    // An article the import will replace: it must leave every list.
    const local = await instance.send<string>('create', {
      title: 'Quarry blast rattles Fenwick windows',
      texts: ['A quarry blast near Fenwick rattled windows across the town on Tuesday.'],
    });
    await instance.send('settle');
    expect(await listOf(db, local)).not.toEqual([]);

    await importInto(target, backup);
    const imported = Date.now();
    await eventually(
      async () => {
        const [first, second] = await Promise.all(story.map(([title]) => documentIdOf(db, title)));
        return (
          (await listOf(db, first))[0] === second &&
          (await listOf(db, second))[0] === first &&
          (await orphanLinks(db)) === 0 &&
          (await listOf(db, local)).length === 0
        );
      },
      60_000,
      500,
    );
    expect(Date.now() - imported).toBeLessThan(60_000);
    process.stdout.write(`[data-transfer] a running server had every list right ${Date.now() - imported} ms after the import ended\n`);
    expect(pair).toEqual(await Promise.all(story.map(([title]) => documentIdOf(db, title))));

    const { converged, rebuilt } = await listsAndRebuilt(instance);
    expect(converged.length).toBeGreaterThan(500);
    expect(converged).toEqual(rebuilt);
  });

  it('is right from the start on a server started after the import, even for rows the import rewrote in place', async () => {
    await instance?.stop();
    instance = undefined;
    // The source changes an article with the Query Engine (its publication date stays the same):
    // the second Tarn article now tells an unrelated story.
    const strapi = await startPlayground({ databaseFile: source });
    try {
      await strapi.db.query('plugin::newsroom.article').updateMany({
        where: { documentId: pair[1], publishedAt: { $notNull: true } },
        data: {
          title: 'Lighthouse keepers of Skerra mark a century',
          body: paragraphs('The lighthouse keepers of Skerra marked a century of service with a lantern procession along the Skerra cliffs.'),
        },
      });
      await relatedService(strapi).settle();
    } finally {
      await stopPlayground(strapi);
    }
    const backup = await exportTo(source, 'second');
    await importInto(target, backup);

    instance = await startInstance(target, { NEWSROOM_CONFIG: CONFIG });
    await instance.send('settle');
    expect(await listOf(db, pair[0])).not.toContain(pair[1]);
    expect(await orphanLinks(db)).toBe(0);
    const { converged, rebuilt } = await listsAndRebuilt(instance);
    expect(converged).toEqual(rebuilt);
  });
});
