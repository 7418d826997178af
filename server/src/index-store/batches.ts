import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { whereKeys } from '../database/dialect';

/**
 * Rows or keys per statement: their bound values stay well inside SQLite's, PostgreSQL's and
 * MySQL's limits, and knex writes SQLite's multi-row `insert ... on conflict` as one compound
 * SELECT, of at most 500 terms (SQLITE_MAX_COMPOUND_SELECT).
 */
export const WRITE_CHUNK = 500;

/**
 * Ids per `where id in (...)` read through Strapi: a list naming every article of a large site
 * would pass the bound on bound parameters (32,766 on SQLite), in the read or in Strapi's joins.
 */
export const IDS_PER_READ = 1000;

export const chunked = <T>(items: T[], size = WRITE_CHUNK): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
};

/**
 * Characters of values per insert: profiles are long texts, and MySQL refuses a statement
 * larger than its `max_allowed_packet` (16 MiB by default; a character takes up to 4 bytes, and escaping doubles a quote).
 */
export const MAX_STATEMENT_CHARS = 1_000_000;

const lengthOf = (row: Record<string, unknown>): number => {
  let length = 16;
  for (const value of Object.values(row)) length += typeof value === 'string' ? value.length + 8 : 24;
  return length;
};

/** Chunks of at most `size` rows and, unless a single row is longer, `maxChars` characters of values. */
export const chunkedByLength = <T extends Record<string, unknown>>(rows: T[], size: number, maxChars: number): T[][] => {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const row of rows) {
    const length = lengthOf(row);
    if (current.length > 0 && (current.length >= size || chars + length > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += length;
  }
  if (current.length > 0) out.push(current);
  return out;
};

/** Deletes the rows of these `(document_id, locale)` keys from `table`. */
export const deleteKeys = async (db: Knex, table: string, keys: DocumentKey[]): Promise<void> => {
  for (const chunk of chunked(keys)) await whereKeys(db, db(table), ['document_id', 'locale'], chunk).delete();
};

/**
 * The next `size` rows of `query` in `(document_id, locale)` order after the key `after` (['', '']
 * for the first page): a whole table read a page at a time.
 */
export const pageAfterKey = (query: Knex.QueryBuilder, [document, locale]: [string, string], after: [string, string], size: number): Knex.QueryBuilder =>
  query
    // Redundant, but a bound the databases seek an index to: under the `or` alone, each page read
    // the index from its start (SQLite, PostgreSQL), and a whole pass took time quadratic in rows.
    .where(document, '>=', after[0])
    .andWhere((rows) => rows.where(document, '>', after[0]).orWhere((same) => same.where(document, after[0]).andWhere(locale, '>', after[1])))
    .orderBy([{ column: document }, { column: locale }])
    .limit(size);
