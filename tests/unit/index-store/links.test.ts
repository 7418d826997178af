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
