import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';

/**
 * What differs between the databases the plugin runs on (SQLite, PostgreSQL, MySQL and MariaDB),
 * in one place: every caller asks here instead of branching on the client itself.
 */

/** MySQL and MariaDB (knex's `mysql` and `mysql2` clients share the dialect name). */
export const isMysql = (db: Knex | Knex.Transaction): boolean => (db.client as { dialect?: string }).dialect === 'mysql';

/** The rows a query matches: PostgreSQL answers a count as a string, the others as a number. */
export const countRows = async (query: Knex.QueryBuilder): Promise<number> => {
  const row = (await query.count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
};

/** SQLite (better-sqlite3) runs every statement in the app's own thread: a long one stalls every request. */
export const runsInAppThread = (db: Knex | Knex.Transaction): boolean => (db.client as { dialect?: string }).dialect === 'sqlite3';

/**
 * On SQLite, makes the transaction a writer before it reads anything. A transaction that reads
 * first and writes later fails at once (`SQLITE_BUSY`, no waiting) when another process committed
 * in between, as a second instance's worker does; a writer from the start waits for the lock
 * instead. The delete matches no row of `table` (one the transaction writes anyway): it only
 * takes the write lock.
 */
export const writeFirst = async (trx: Knex.Transaction, table: string): Promise<void> => {
  if (runsInAppThread(trx)) await trx(table).where(trx.raw('0 = 1')).delete();
};

// Deadlocks, serialization failures and lock timeouts: the database undid the transaction, which
// may simply run again. MySQL and MariaDB also report a metadata-lock deadlock (DDL beside DML) so.
const LOCK_CONFLICT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', '40P01', '40001', '55P03', 'SQLITE_BUSY']);

export const isLockConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && LOCK_CONFLICT_CODES.has(String((error as { code?: unknown }).code));

/** Runs a task whose writes are one transaction again while the database undoes it for a lock conflict (`attempts` runs in all). */
export const retryOnLockConflict = async <T>(task: () => Promise<T>, attempts = 3): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (!isLockConflict(error) || attempt >= attempts) throw error;
    }
  }
};

/**
 * `col = <inserted value of col>` in an upsert's update part: `excluded.col` on SQLite and
 * PostgreSQL, `values(col)` on MySQL and MariaDB (MariaDB has no row alias for the inserted row).
 */
export const insertedValue = (db: Knex | Knex.Transaction, column: string): Knex.Raw =>
  isMysql(db) ? db.raw('values(??)', [column]) : db.raw('??', [`excluded.${column}`]);

/** The SQL of `on conflict (keys) do update set col = inserted col` for `merge`, with its bindings. */
export const upsertClause = (db: Knex | Knex.Transaction, conflict: string[], merge: string[]): { sql: string; bindings: string[] } => {
  const sets = merge.map(() => (isMysql(db) ? '?? = values(??)' : '?? = excluded.??')).join(', ');
  const bindings = merge.flatMap((column) => [column, column]);
  if (isMysql(db)) return { sql: ` on duplicate key update ${sets}`, bindings };
  return { sql: ` on conflict (${conflict.map(() => '??').join(', ')}) do update set ${sets}`, bindings: [...conflict, ...bindings] };
};

/** Inserts rows; on a clash of `keys`, adds the inserted `column` to the stored one instead (atomic everywhere). */
export const insertOrIncrement = async (
  db: Knex | Knex.Transaction,
  table: string,
  keys: string[],
  column: string,
  rows: Record<string, unknown>[],
): Promise<void> => {
  await db(table)
    .insert(rows)
    .onConflict(keys)
    .merge({ [column]: db.raw('?? + ?', [`${table}.${column}`, insertedValue(db, column)]) });
};

/**
 * Inserts the rows whose `keys` are not stored yet and returns those, in order. PostgreSQL and
 * SQLite say which in one statement (`on conflict do nothing returning`); MySQL returns no rows
 * from an insert, so each row is an `insert ignore` whose affected-row count says whether it was
 * new — exact even when another instance inserts the same key meanwhile.
 */
export const insertNew = async <Row extends Record<string, string | number>>(
  db: Knex | Knex.Transaction,
  table: string,
  keys: string[],
  rows: Row[],
): Promise<Row[]> => {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  if (!isMysql(db)) {
    const inserted: Array<Record<string, string | number>> = await db(table).insert(rows).onConflict(keys).ignore().returning(columns);
    const keyOf = (row: Record<string, string | number>): string => keys.map((key) => String(row[key])).join('\u0000');
    const insertedKeys = new Set(inserted.map(keyOf));
    return rows.filter((row) => insertedKeys.has(keyOf(row)));
  }
  const sql = `insert ignore into ?? (${columns.map(() => '??').join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  const inserted: Row[] = [];
  for (const row of rows) {
    const [result] = (await db.raw(sql, [table, ...columns, ...columns.map((column) => row[column])])) as unknown as [{ affectedRows: number }];
    if (result.affectedRows === 1) inserted.push(row);
  }
  return inserted;
};

/**
 * The plugin's tables compare strings exactly: MySQL's and MariaDB's default collations hold
 * 'Café' = 'cafe' and 'a' = 'A', so a slug or key would match another's row. SQLite and
 * PostgreSQL compare exactly already.
 */
export const exactStrings = (db: Knex, table: Knex.CreateTableBuilder): void => {
  if (!isMysql(db)) return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_bin');
};

/** Whether an index of this name exists on the table (MySQL has no `if exists` for indexes). */
const mysqlIndexExists = async (db: Knex, table: string, name: string): Promise<boolean> => {
  const [rows] = (await db.raw('select 1 from information_schema.statistics where table_schema = database() and table_name = ? and index_name = ? limit 1', [
    table,
    name,
  ])) as unknown as [unknown[]];
  return rows.length > 0;
};

export const dropIndexIfExists = async (db: Knex, table: string, name: string): Promise<void> => {
  if (!isMysql(db)) await db.raw('DROP INDEX IF EXISTS ??', [name]);
  else if (await mysqlIndexExists(db, table, name)) await db.raw('DROP INDEX ?? ON ??', [name, table]);
};

export const createIndexIfMissing = async (db: Knex, table: string, name: string, columns: string[]): Promise<void> => {
  const list = columns.map(() => '??').join(', ');
  if (!isMysql(db)) await db.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${list})`, [name, table, ...columns]);
  else if (!(await mysqlIndexExists(db, table, name))) await db.raw(`CREATE INDEX ?? ON ?? (${list})`, [name, table, ...columns]);
};

/**
 * Restricts a query to rows of these keys, given its document id and locale columns: a composite
 * `in` on SQLite and PostgreSQL; on MySQL and MariaDB an `or` of pairs, because MariaDB reads the
 * whole table for a composite `in` in a delete (each save's list rewrite read every stored link:
 * 270 ms a save at 100,000 articles), where the pairs use the key's index.
 */
export const whereKeys = (db: Knex, query: Knex.QueryBuilder, [document, locale]: [string, string], keys: DocumentKey[]): Knex.QueryBuilder =>
  isMysql(db)
    ? query.where((pairs) => {
        for (const key of keys) pairs.orWhere((pair) => pair.where(document, key.documentId).andWhere(locale, key.locale));
      })
    : query.whereIn(
        [document, locale],
        keys.map((key) => [key.documentId, key.locale]),
      );
