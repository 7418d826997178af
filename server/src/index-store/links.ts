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

/** A link's row, as written and as read back (each database answers booleans and numbers its own way). */
interface LinkRow {
  target_document_id: unknown;
  score: unknown;
  pinned: unknown;
  same_story: unknown;
  reasons: unknown;
}

const rowsOf = (list: StoredList) =>
  list.links.map((link, position) => ({
    document_id: list.documentId,
    locale: list.locale,
    position,
    target_document_id: link.documentId,
    score: link.score,
    pinned: link.pinned,
    same_story: link.sameStory,
    reasons: JSON.stringify(link.reasons),
  }));

/** A list's links one per line: as a reader sees them (no score, which no answer shows), and as their rows hold them. */
interface ListForms {
  shown: string;
  stored: string;
}

const formsOf = (rows: LinkRow[]): ListForms => {
  const shown = rows.map((row) => `${String(row.target_document_id)}\u0000${row.same_story ? 1 : 0}\u0000${String(row.reasons)}`);
  return {
    shown: shown.join('\n'),
    stored: rows.map((row, at) => `${shown[at]}\u0000${Number(row.score)}\u0000${row.pinned ? 1 : 0}`).join('\n'),
  };
};

/** The rows of each of these lists, by encoded key, in order; a missing list has none. */
const storedRows = async (db: Knex, keys: DocumentKey[]): Promise<Map<string, LinkRow[]>> => {
  const stored = new Map<string, LinkRow[]>();
  for (const chunk of chunked(keys)) {
    const rows: Array<LinkRow & { document_id: unknown; locale: unknown }> = await whereKeys(
      db,
      db(TABLES.links).select('document_id', 'locale', 'target_document_id', 'score', 'pinned', 'same_story', 'reasons'),
      ['document_id', 'locale'],
      chunk,
    ).orderBy(['document_id', 'locale', 'position']);
    for (const row of rows) {
      const id = encodeKey({
        documentId: String(row.document_id),
        locale: String(row.locale),
      });
      const list = stored.get(id) ?? [];
      list.push(row);
      stored.set(id, list);
    }
  }
  return stored;
};

/** Deletes these lists' rows and inserts theirs. */
const rewrite = async (trx: Knex, lists: StoredList[], rows: ReturnType<typeof rowsOf>): Promise<void> => {
  await deleteKeys(trx, TABLES.links, lists);
  await insertRows(trx, TABLES.links, rows);
};

const writeLists = async (db: Knex, lists: StoredList[], compare: boolean): Promise<DocumentKey[]> => {
  if (lists.length === 0) return [];
  return db.transaction(async (trx) => {
    if (!compare) {
      await rewrite(trx, lists, lists.flatMap(rowsOf));
      return [];
    }
    await writeFirst(trx, TABLES.links);
    const before = await storedRows(trx, lists);
    const compared = lists.map((list) => {
      const rows = rowsOf(list);
      return { list, rows, now: formsOf(rows), was: formsOf(before.get(encodeKey(list)) ?? []) };
    });
    // A list computed again as it was keeps its rows: a refresh, or a save's neighbours, write only what moved.
    const rewritten = compared.filter(({ now, was }) => now.stored !== was.stored);
    await rewrite(
      trx,
      rewritten.map(({ list }) => list),
      rewritten.flatMap(({ rows }) => rows),
    );
    return rewritten.filter(({ now, was }) => now.shown !== was.shown).map(({ list: { documentId, locale } }) => ({ documentId, locale }));
  });
};

/** The precomputed related lists: read by pages, replaced whole by the worker. */
export const linkStore = {
  /** Replaces the lists of these articles in one transaction; an empty list removes it. */
  async replace(db: Knex, lists: StoredList[]): Promise<void> {
    await writeLists(db, lists, false);
  },

  /**
   * As `replace`, answering the lists that now read differently: caches in front must drop their
   * pages. Lists whose rows would be written as they are stay as they are.
   */
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
