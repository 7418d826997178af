import { randomBytes } from 'crypto';
import type { Knex } from 'knex';
import { inKeyOrder, viewKey, type CountRow, type KeyedView } from './buffer';
import { chunked } from '../index-store/batches';
import { createIfMissing } from '../database/tables';

/**
 * The views counted per visitor, article and dedupe window, shared by every instance: a key
 * inserted by one instance makes the same visitor's view in the same window on another one a
 * repeat. Holds salted daily hashes only (`visitor.ts`), and only the last two windows.
 */
export const SEEN_VIEWS_TABLE = 'newsroom_counter_seen_views';

const KEY = ['document_id', 'locale', 'visitor_hash', 'window_start'];

export const ensureSeenViewsTable = (knex: Knex): Promise<void> =>
  createIfMissing(knex, SEEN_VIEWS_TABLE, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('visitor_hash', 64).notNullable();
    table.bigInteger('window_start').notNullable();
    table.integer('hour').notNullable();
    // The flush that inserted the row: how a flush finds which of its rows were new, on every
    // database (MySQL has no `returning`).
    table.string('flush_token', 32).notNullable();
    table.primary(KEY);
    table.index(['flush_token']);
    table.index(['window_start']);
  });

/** A token per write attempt: a retried batch never counts the rows of an earlier attempt. */
export const newFlushToken = (): string => randomBytes(16).toString('base64url');

const rowOf = (view: KeyedView, token: string) => ({
  document_id: view.documentId,
  locale: view.locale,
  visitor_hash: view.visitor,
  window_start: view.windowStart,
  hour: view.hour,
  flush_token: token,
});

/**
 * Inserts the keys of these views, ignoring those already stored by any instance, and returns
 * the views this insert added, by article, locale and hour. Within the flush's transaction.
 */
export const insertNewViews = async (trx: Knex.Transaction, views: KeyedView[], token: string): Promise<CountRow[]> => {
  for (const chunk of chunked(inKeyOrder(views.map((view): [string, KeyedView] => [viewKey(view), view])))) {
    await trx(SEEN_VIEWS_TABLE)
      .insert(chunk.map((view) => rowOf(view, token)))
      .onConflict(KEY)
      .ignore();
  }
  const rows: Array<{ document_id: string; locale: string; hour: number | string; n: number | string }> = await trx(SEEN_VIEWS_TABLE)
    .select('document_id', 'locale', 'hour')
    .count({ n: '*' })
    .where({ flush_token: token })
    .groupBy('document_id', 'locale', 'hour');
  return rows.map((row) => ({ documentId: row.document_id, locale: row.locale, metric: 'view', kind: '', hour: Number(row.hour), count: Number(row.n) }));
};

/** Deletes the keys of windows that started before `windowStart` (an indexed range). */
export const forgetSeenViewsBefore = async (knex: Knex, windowStart: number): Promise<void> => {
  await knex(SEEN_VIEWS_TABLE).where('window_start', '<', windowStart).delete();
};
