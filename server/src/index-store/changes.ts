import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

export interface Change extends DocumentKey {
  id: number;
}

/** What stored a change: a save's job, a rebuild's batch, or the removal of a deleted locale. */
export type ChangeSource = 'job' | 'rebuild' | 'purge';

/** The feed of stored profile changes, read by the other instances (see `TABLES.changes`). */
export const changeStore = {
  async append(db: Knex, keys: DocumentKey[], owner: string, source: ChangeSource, now = Date.now()): Promise<void> {
    await insertRows(
      db,
      TABLES.changes,
      keys.map((key) => ({ document_id: key.documentId, locale: key.locale, owner, source, created_at: now })),
    );
  },

  /** The latest change a save's job made: its id and time, or null when the feed holds none. */
  async latestJobChange(db: Knex): Promise<{ id: number; createdAt: number } | null> {
    const row = await db(TABLES.changes).select('id', 'created_at').where('source', 'job').orderBy('id', 'desc').first();
    return row ? { id: Number(row.id), createdAt: Number(row.created_at) } : null;
  },

  /** Changes after `id` made by other instances, oldest first. */
  async after(db: Knex, id: number, owner: string, limit: number): Promise<Change[]> {
    const rows = await db(TABLES.changes).select('id', 'document_id', 'locale').where('id', '>', id).andWhereNot('owner', owner).orderBy('id').limit(limit);
    return rows.map((row) => ({ id: Number(row.id), documentId: String(row.document_id), locale: String(row.locale) }));
  },

  /** The id of the latest change (0 when there is none). */
  async latest(db: Knex): Promise<number> {
    const row = await db(TABLES.changes).max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  },

  /** The id of the oldest change still kept (0 when there is none). */
  async oldest(db: Knex): Promise<number> {
    const row = await db(TABLES.changes).min({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  },

  async prune(db: Knex, before: number): Promise<void> {
    await db(TABLES.changes).where('created_at', '<', before).delete();
  },
};
