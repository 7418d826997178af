import type { Knex } from 'knex';
import { upsertClause } from '../database/dialect';
import { chunkedByLength, MAX_STATEMENT_CHARS, WRITE_CHUNK } from './batches';

export type InsertRow = Record<string, string | number | boolean | null>;

/** On a clash of the `conflict` columns, the `merge` columns take the inserted values. */
export interface Upsert {
  conflict: string[];
  merge: string[];
}

/**
 * Multi-row `insert … values (…), (…)` (an upsert with `upsert`), in chunks; every row has the
 * first row's columns. knex writes SQLite's multi-row inserts as `select … union all select …`,
 * which SQLite compiles and runs at about half this speed: a rebuild writes a million rows.
 */
export const insertRows = async (db: Knex, table: string, rows: InsertRow[], upsert?: Upsert): Promise<void> => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const names = columns.map(() => '??').join(', ');
  const conflict = upsert ? upsertClause(db, upsert.conflict, upsert.merge) : { sql: '', bindings: [] };
  for (const chunk of chunkedByLength(rows, WRITE_CHUNK, MAX_STATEMENT_CHARS)) {
    const values = chunk.flatMap((row) => columns.map((column) => row[column]));
    await db.raw(`insert into ?? (${names}) values ${chunk.map(() => tuple).join(', ')}${conflict.sql}`, [table, ...columns, ...values, ...conflict.bindings]);
  }
};
