import type { Knex } from 'knex';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { chunked, deleteKeys } from './batches';
import { countRows, whereKeys, writeFirst } from '../database/dialect';
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

/** What a reader sees of a link: its target, place, story flag and reasons (not its score, which no answer shows). */
const shownAs = (target: string, sameStory: boolean, reasons: string): string => `${target}\u0000${sameStory ? 1 : 0}\u0000${reasons}`;

/** How each of these lists reads now, by encoded key; a missing list reads as empty. */
const shownLists = async (db: Knex, keys: DocumentKey[]): Promise<Map<string, string>> => {
  const shown = new Map<string, string[]>();
  for (const chunk of chunked(keys)) {
    const rows: Array<{
      document_id: string;
      locale: string;
      target_document_id: string;
      same_story: unknown;
      reasons: string;
    }> = await whereKeys(
      db,
      db(TABLES.links).select('document_id', 'locale', 'target_document_id', 'same_story', 'reasons'),
      ['document_id', 'locale'],
      chunk,
    ).orderBy(['document_id', 'locale', 'position']);
    for (const row of rows) {
      const id = encodeKey({
        documentId: String(row.document_id),
        locale: String(row.locale),
      });
      const links = shown.get(id) ?? [];
      links.push(shownAs(String(row.target_document_id), Boolean(row.same_story), String(row.reasons)));
      shown.set(id, links);
    }
  }
  return new Map([...shown].map(([id, links]) => [id, links.join('\n')]));
};

const writeLists = async (db: Knex, lists: StoredList[], compare: boolean): Promise<DocumentKey[]> => {
  if (lists.length === 0) return [];
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
  return db.transaction(async (trx) => {
    // Only a comparison reads before it writes.
    if (compare) await writeFirst(trx, TABLES.links);
    const before = compare ? await shownLists(trx, lists) : new Map<string, string>();
    await deleteKeys(trx, TABLES.links, lists);
    await insertRows(trx, TABLES.links, rows);
    if (!compare) return [];
    return lists
      .filter(
        (list) =>
          (before.get(encodeKey(list)) ?? '') !== list.links.map((link) => shownAs(link.documentId, link.sameStory, JSON.stringify(link.reasons))).join('\n'),
      )
      .map(({ documentId, locale }) => ({ documentId, locale }));
  });
};

/** The precomputed related lists: read by pages, replaced whole by the worker. */
export const linkStore = {
  /** Replaces the lists of these articles in one transaction; an empty list removes it. */
  async replace(db: Knex, lists: StoredList[]): Promise<void> {
    await writeLists(db, lists, false);
  },

  /** As `replace`, answering the lists that now read differently: caches in front must drop their pages. */
  replaceChanged: (db: Knex, lists: StoredList[]): Promise<DocumentKey[]> => writeLists(db, lists, true),

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
    const rows = await db(TABLES.links).distinct('document_id').where({ target_document_id: target.documentId, locale: target.locale });
    return rows.map((row) => ({
      documentId: String(row.document_id),
      locale: target.locale,
    }));
  },

  /**
   * Lists with at least one link: every such list has exactly one link at position 0, and the
   * index of those alone answers. Counted from the whole table, with the links' count beside it,
   * the admin's overview stopped SQLite's app for 1.5 s at a million articles.
   */
  countLists: (db: Knex): Promise<number> => countRows(db(TABLES.links).where('position', 0)),
};
