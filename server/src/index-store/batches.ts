import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';

/** Rows or keys per statement: their bound values stay well inside SQLite's and PostgreSQL's limits. */
export const WRITE_CHUNK = 500;

export const chunked = <T>(items: T[], size = WRITE_CHUNK): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
};

/** Keys as `[document_id, locale]` pairs for a composite `whereIn`. */
export const keyPairs = (keys: DocumentKey[]): Array<[string, string]> => keys.map((key) => [key.documentId, key.locale]);

/** Deletes the rows of these `(document_id, locale)` keys from `table`. */
export const deleteKeys = async (db: Knex, table: string, keys: DocumentKey[]): Promise<void> => {
  for (const chunk of chunked(keys)) await db(table).whereIn(['document_id', 'locale'], keyPairs(chunk)).delete();
};
