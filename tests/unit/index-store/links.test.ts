import { mkdtempSync, rmSync } from 'fs';
import knexFactory, { type Knex } from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import { linkStore, type StoredList } from '../../../server/src/index-store/links';
import { TABLES, ensureTables } from '../../../server/src/index-store/tables';

interface RawConnection {
  prepare(sql: string): { run(): unknown };
  pragma(statement: string): unknown;
}

const list = (documentId: string, target: string): StoredList => ({
  documentId,
  locale: 'en',
  links: [{ documentId: target, score: 0.5, pinned: false, sameStory: false, reasons: ['shared topic'] }],
});

describe('linkStore on a SQLite file another process writes too', () => {
  let folder: string;
  let knex: Knex;
  // Another instance's connection, used raw: better-sqlite3 runs a statement synchronously, so it
  // can commit between two statements of ours.
  let otherKnex: Knex;
  let other: RawConnection;
  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'newsroom-links-'));
    const filename = path.join(folder, 'data.db');
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true });
    await knex.raw('pragma journal_mode = wal');
    await ensureTables(knex);
    await linkStore.replace(knex, [list('a', 'b')]);
    otherKnex = knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true });
    other = (await otherKnex.client.acquireConnection()) as RawConnection;
    other.pragma('busy_timeout = 0');
  });
  afterEach(async () => {
    await otherKnex.client.releaseConnection(other);
    await otherKnex.destroy();
    await knex.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('replaces lists even when another process commits after it read them (it holds the write lock from the start)', async () => {
    const othersWrites: string[] = [];
    // Right after the transaction's first read of the lists, the other process tries to commit.
    const commitBetween = (_response: unknown, query: { sql?: string }): void => {
      if (!query.sql?.startsWith('select') || !query.sql.includes(TABLES.links) || othersWrites.length > 0) return;
      try {
        other
          .prepare(
            `insert into ${TABLES.links} (document_id, locale, position, target_document_id, score, pinned, same_story, reasons) values ('z', 'en', 0, 'a', 1, 0, 0, '[]')`,
          )
          .run();
        othersWrites.push('committed');
      } catch (error) {
        othersWrites.push(String((error as { code?: string }).code));
      }
    };
    knex.on('query-response', commitBetween);
    const changed = await knex.transaction((trx) => linkStore.replaceChanged(trx, [list('a', 'c'), list('b', 'a')]));
    knex.off('query-response', commitBetween);
    expect(changed).toEqual([
      { documentId: 'a', locale: 'en' },
      { documentId: 'b', locale: 'en' },
    ]);
    // The other writer found the file locked (and, with a timeout, would have waited) instead of making this transaction fail.
    expect(othersWrites).toEqual(['SQLITE_BUSY']);
    expect((await linkStore.find(knex, { documentId: 'a', locale: 'en' })).map((link) => link.documentId)).toEqual(['c']);
  });
});

describe('linkStore.replaceChanged', () => {
  let folder: string;
  let knex: Knex;
  const link = (documentId: string, score: number, reasons: string[] = ['shared topic']) => ({ documentId, score, pinned: false, sameStory: false, reasons });
  const lists = (): StoredList[] => [
    { documentId: 'a', locale: 'en', links: [link('b', 0.5), link('c', 0.25)] },
    { documentId: 'b', locale: 'en', links: [link('a', 0.5)] },
    { documentId: 'c', locale: 'en', links: [] },
  ];
  /** Rows deleted and inserted while `task` ran (SQLite counts them per connection; the pool holds one). */
  const rowsWrittenDuring = async (task: () => Promise<unknown>): Promise<number> => {
    const changes = async (): Promise<number> => Number(((await knex.raw('select total_changes() as n')) as Array<{ n: number }>)[0].n);
    const before = await changes();
    await task();
    return (await changes()) - before;
  };

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'newsroom-links-'));
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(folder, 'data.db') }, useNullAsDefault: true });
    await ensureTables(knex);
    await linkStore.replace(knex, lists());
  });
  afterEach(async () => {
    await knex.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes nothing for lists computed again as they are stored, and answers none changed', async () => {
    let changed: unknown;
    expect(await rowsWrittenDuring(async () => (changed = await linkStore.replaceChanged(knex, lists())))).toBe(0);
    expect(changed).toEqual([]);
  });

  it('rewrites a list whose scores moved, without calling it changed: readers see no score', async () => {
    const moved = lists();
    moved[0].links[1] = link('c', 0.2501);
    let changed: unknown;
    // List a's two rows deleted and inserted again.
    expect(await rowsWrittenDuring(async () => (changed = await linkStore.replaceChanged(knex, moved)))).toBe(4);
    expect(changed).toEqual([]);
    expect((await linkStore.find(knex, { documentId: 'a', locale: 'en' })).map((one) => one.score)).toEqual([0.5, 0.2501]);
  });

  it('rewrites and answers the lists a reader sees differently, and only those', async () => {
    const next = lists();
    next[1].links[0] = link('a', 0.5, ['other words']);
    next[2].links = [link('a', 0.3)];
    let changed: unknown;
    // List b's row deleted and inserted again, list c's inserted.
    expect(await rowsWrittenDuring(async () => (changed = await linkStore.replaceChanged(knex, next)))).toBe(3);
    expect(changed).toEqual([
      { documentId: 'b', locale: 'en' },
      { documentId: 'c', locale: 'en' },
    ]);
    expect(await linkStore.find(knex, { documentId: 'b', locale: 'en' })).toEqual([
      { documentId: 'a', score: 0.5, pinned: false, sameStory: false, reasons: ['other words'] },
    ]);
    expect((await linkStore.find(knex, { documentId: 'a', locale: 'en' })).map((one) => one.documentId)).toEqual(['b', 'c']);
  });
});
