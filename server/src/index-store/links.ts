import type { Knex } from 'knex';
import type { DocumentKey } from '../jobs/queue';
import { deleteKeys } from './batches';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

export interface StoredLink {
  documentId: string;
  score: number;
  pinned: boolean;
  /** Of the list's own story. */
  sameStory: boolean;
  reasons: string[];
}

export interface StoredList extends DocumentKey {
  links: StoredLink[];
}

/** The precomputed related lists: read by pages, replaced whole by the worker. */
export const linkStore = {
  /** Replaces the lists of these articles in one transaction; an empty list removes it. */
  async replace(db: Knex, lists: StoredList[]): Promise<void> {
    if (lists.length === 0) return;
    const rows = lists.flatMap((list) =>
      list.links.map((link, position) => ({
        document_id: list.documentId,
        locale: list.locale,
        position,
        target_document_id: link.documentId,
        score: link.score,
        pinned: link.pinned,
        same_story: link.sameStory,
        reasons: JSON.stringify(link.reasons),
      })),
    );
    await db.transaction(async (trx) => {
      await deleteKeys(trx, TABLES.links, lists);
      await insertRows(trx, TABLES.links, rows);
    });
  },

  async find(db: Knex, key: DocumentKey): Promise<StoredLink[]> {
    const rows = await db(TABLES.links)
      .select('target_document_id', 'score', 'pinned', 'same_story', 'reasons')
      .where({ document_id: key.documentId, locale: key.locale })
      .orderBy('position');
    return rows.map((row) => ({
      documentId: String(row.target_document_id),
      score: Number(row.score),
      pinned: Boolean(row.pinned),
      sameStory: Boolean(row.same_story),
      reasons: JSON.parse(String(row.reasons)) as string[],
    }));
  },

  /** The articles whose list currently shows `target`. */
  async findListsContaining(db: Knex, target: DocumentKey): Promise<DocumentKey[]> {
    const rows = await db(TABLES.links)
      .distinct('document_id')
      .where({ target_document_id: target.documentId, locale: target.locale });
    return rows.map((row) => ({ documentId: String(row.document_id), locale: target.locale }));
  },

  async count(db: Knex): Promise<{ lists: number; links: number }> {
    const links = await db(TABLES.links).count({ n: '*' }).first();
    // Every non-empty list has exactly one link at position 0.
    const lists = await db(TABLES.links).where('position', 0).count({ n: '*' }).first();
    return { lists: Number(lists?.n ?? 0), links: Number(links?.n ?? 0) };
  },
};
