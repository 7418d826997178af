import type { Knex } from 'knex';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { insertNew, insertOrIncrement } from '../database/dialect';
import { mergeCounts, reactionCounts, totalsOf, type CountBatch, type CountRow, type PendingReaction, type TotalRow } from './buffer';
import { chunked } from '../index-store/batches';
import { insertNewViews, newFlushToken, SEEN_VIEWS_TABLE } from './seen-views';
import { COUNTER_TABLES } from './tables';

export interface FlushResult {
  articles: number;
  views: number;
  reactions: number;
}

const bucketRow = (row: CountRow) => ({
  document_id: row.documentId,
  locale: row.locale,
  metric: row.metric,
  kind: row.kind,
  hour: row.hour,
  count: row.count,
});
const totalRow = (row: TotalRow) => ({ document_id: row.documentId, locale: row.locale, metric: row.metric, kind: row.kind, count: row.count });

/** `count = count + <inserted count>`: an atomic increment on every database. */
const addTo = async (trx: Knex.Transaction, table: string, keys: string[], rows: Record<string, unknown>[]): Promise<void> => {
  for (const chunk of chunked(rows)) await insertOrIncrement(trx, table, keys, 'count', chunk);
};

/** The reactions whose durable row is new; a visitor's repeated reaction inserts nothing. */
const insertNewReactions = async (trx: Knex.Transaction, reactions: PendingReaction[]): Promise<PendingReaction[]> => {
  const inserted: PendingReaction[] = [];
  for (const chunk of chunked(reactions)) {
    const rows = await insertNew(
      trx,
      COUNTER_TABLES.reactions,
      ['document_id', 'locale', 'kind', 'visitor_hash'],
      chunk.map((reaction) => ({
        document_id: reaction.documentId,
        locale: reaction.locale,
        kind: reaction.kind,
        visitor_hash: reaction.visitor,
        hour: reaction.hour,
      })),
    );
    for (const row of rows)
      inserted.push({ documentId: row.document_id, locale: row.locale, kind: row.kind, visitor: row.visitor_hash, hour: Number(row.hour) });
  }
  return inserted;
};

/**
 * Writes one batch in one transaction: each article appears in one upsert per table, whatever
 * the number of requests behind it. Either all of the batch is counted or none of it; a keyed
 * view counts only if its key is new (see `seen-views.ts`), so a retried batch whose first
 * attempt did commit counts its keyed views once.
 */
export const writeBatch = async (knex: Knex, batch: CountBatch): Promise<FlushResult> =>
  knex.transaction(async (trx) => {
    const newViews = batch.keyedViews.length ? await insertNewViews(trx, batch.keyedViews, newFlushToken()) : [];
    const newReactions = batch.reactions.length ? await insertNewReactions(trx, batch.reactions) : [];
    const buckets = mergeCounts([...batch.views, ...newViews, ...reactionCounts(newReactions)]);
    if (buckets.length) {
      await addTo(trx, COUNTER_TABLES.buckets, ['document_id', 'locale', 'metric', 'kind', 'hour'], buckets.map(bucketRow));
      await addTo(trx, COUNTER_TABLES.totals, ['document_id', 'locale', 'metric', 'kind'], totalsOf(buckets).map(totalRow));
    }
    return {
      articles: new Set(buckets.map(encodeKey)).size,
      views: [...batch.views, ...newViews].reduce((sum, row) => sum + row.count, 0),
      reactions: newReactions.length,
    };
  });

/** An article's all-time reaction counts by kind, as stored. */
export const storedReactions = async (knex: Knex, article: DocumentKey): Promise<Record<string, number>> => {
  const rows: Array<{ kind: string; count: number | string }> = await knex(COUNTER_TABLES.totals)
    .select('kind', 'count')
    .where({ document_id: article.documentId, locale: article.locale, metric: 'reaction' });
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
};

/** All-time views by article in a locale, of these articles or of all of them. */
export const storedViews = async (knex: Knex, locale: string, documentIds?: string[]): Promise<Map<string, number>> => {
  const query = knex(COUNTER_TABLES.totals).select('document_id', 'count').where({ locale, metric: 'view', kind: '' });
  if (documentIds) query.whereIn('document_id', documentIds);
  const rows: Array<{ document_id: string; count: number | string }> = await query;
  return new Map(rows.map((row) => [row.document_id, Number(row.count)]));
};

/** Whether a visitor's reaction of a kind is already stored. */
export const hasStoredReaction = async (knex: Knex, article: DocumentKey, kind: string, visitor: string): Promise<boolean> =>
  Boolean(await knex(COUNTER_TABLES.reactions).first('kind').where({ document_id: article.documentId, locale: article.locale, kind, visitor_hash: visitor }));

/** Deletes the counts and reactions of every locale but these (a deleted locale's articles are gone). */
export const forgetLocalesExcept = async (knex: Knex, kept: string[]): Promise<void> => {
  await knex.transaction(async (trx) => {
    for (const table of [COUNTER_TABLES.buckets, COUNTER_TABLES.totals, COUNTER_TABLES.reactions, SEEN_VIEWS_TABLE])
      await trx(table).whereNotIn('locale', kept).delete();
  });
};
