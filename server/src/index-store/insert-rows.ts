import type { Knex } from 'knex';
import { chunked } from './batches';

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
  const onConflict = upsert
    ? ` on conflict (${upsert.conflict.map(() => '??').join(', ')}) do update set ${upsert.merge.map(() => '?? = excluded.??').join(', ')}`
    : '';
  const conflictNames = upsert ? [...upsert.conflict, ...upsert.merge.flatMap((column) => [column, column])] : [];
  for (const chunk of chunked(rows)) {
    const values = chunk.flatMap((row) => columns.map((column) => row[column]));
    await db.raw(`insert into ?? (${names}) values ${chunk.map(() => tuple).join(', ')}${onConflict}`, [table, ...columns, ...values, ...conflictNames]);
  }
};
