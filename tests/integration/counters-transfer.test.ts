import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import type { Knex } from 'knex';
import { PLAYGROUND_DIR, REPOSITORY_DIR } from '../../support/paths';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { connectTo, databaseEnv, prepareDatabase, removeDatabase, temporaryDatabase } from '../../support/test-database';
import { countersService, readerAgent } from '../support/counters';

/**
 * The plugin's CLI carries views, reactions and their hourly history between environments
 * (`strapi export`/`import` carry content types only): exported from one database, imported into
 * another, twice, and refused whole when a line is bad. Runs on SQLite and MariaDB in CI, on PostgreSQL with `npm run test:postgres`.
 */
const CLI = path.join(REPOSITORY_DIR, 'dist', 'cli', 'index.js');
const API = '/api/newsroom';

const source = temporaryDatabase();
const target = temporaryDatabase();
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-counters-'));
const file = path.join(folder, 'counters.jsonl');
let sourceRows: Awaited<ReturnType<typeof counterRows>>;

const cli = (handle: string, args: string[]): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: PLAYGROUND_DIR,
      env: { ...process.env, ...databaseEnv(handle), DEMO_SEED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });

/** Every row of the three counter tables, in key order. */
const counterRows = async (handle: string) => {
  const db: Knex = connectTo(handle);
  try {
    const numbers = (rows: Array<Record<string, unknown>>) =>
      rows.map((row) => ({ ...row, ...('count' in row ? { count: Number(row.count) } : {}), hour: row.hour === undefined ? undefined : Number(row.hour) }));
    return {
      buckets: numbers(await db('newsroom_counter_buckets').select().orderBy(['document_id', 'locale', 'metric', 'kind', 'hour'])),
      totals: numbers(await db('newsroom_counter_totals').select().orderBy(['document_id', 'locale', 'metric', 'kind'])),
      reactions: numbers(await db('newsroom_counter_reactions').select().orderBy(['document_id', 'locale', 'kind', 'visitor_hash'])),
    };
  } finally {
    await db.destroy();
  }
};

beforeAll(async () => {
  const strapi = await startPlayground({ databaseFile: source, seed: true });
  try {
    const base = await listen(strapi);
    const cards = (await request(base).get(`${API}/articles?pageSize=10`).expect(200)).body.data as Array<{ documentId: string }>;
    for (const [index, card] of cards.entries()) {
      for (let reader = 0; reader <= index; reader += 1) {
        await request(base)
          .post(`${API}/articles/${card.documentId}/views`)
          .set('User-Agent', readerAgent(`${index}-${reader}`))
          .expect(202);
      }
      await request(base)
        .post(`${API}/articles/${card.documentId}/reactions`)
        .set('User-Agent', readerAgent(`${index}-0`))
        .send({ kind: 'veryGood' })
        .expect(200);
    }
    await countersService(strapi).flush();
  } finally {
    await stopPlayground(strapi);
  }
  sourceRows = await counterRows(source);
  await prepareDatabase(target);
}, 300_000);

afterAll(async () => {
  await removeDatabase(source);
  await removeDatabase(target);
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('strapi-newsroom counters:export and counters:import', () => {
  it('carries every count, reaction and hour to another database, and a second import changes nothing', async () => {
    expect(sourceRows.totals.length).toBe(20);
    const exported = await cli(source, ['counters:export', '--file', file]);
    expect(exported).toMatchObject({ code: 0 });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'strapi-plugin-newsroom/counters', version: 1 });
    expect(lines).toHaveLength(1 + sourceRows.buckets.length + sourceRows.totals.length + sourceRows.reactions.length);

    expect(await cli(target, ['counters:import', '--file', file])).toMatchObject({ code: 0 });
    expect(await counterRows(target)).toEqual(sourceRows);
    expect(await cli(target, ['counters:import', '--file', file])).toMatchObject({ code: 0 });
    expect(await counterRows(target)).toEqual(sourceRows);
  });

  it('refuses a file with a bad line, names it, and writes nothing', async () => {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const doubled = lines.map((line, index) => {
      if (index === 0) return line;
      const row = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify('count' in row ? { ...row, count: Number(row.count) * 2 } : row);
    });
    const bad = path.join(folder, 'bad.jsonl');
    // Every count doubled, then one line a client could not have produced: nothing may land.
    fs.writeFileSync(bad, [...doubled, JSON.stringify({ table: 'totals', documentId: 'abc', locale: 'en', metric: 'view', kind: '', count: -5 })].join('\n'));
    const refused = await cli(target, ['counters:import', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`line ${doubled.length + 1}: "count" must be greater than or equal to 0`);
    fs.writeFileSync(bad, [lines[0], '{"table":"views","documentId":"abc"}'].join('\n'));
    expect((await cli(target, ['counters:import', '--file', bad])).output).toContain('line 2: "table" must be one of [buckets, totals, reactions]');
    expect(await counterRows(target)).toEqual(sourceRows);
  });
});
