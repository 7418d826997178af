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

/** A link as its row holds it: what a reader sees, its score and whether it is pinned. */
const storedAs = (shown: string, score: number, pinned: boolean): string => `${shown}\u0000${score}\u0000${pinned ? 1 : 0}`;

/** A list's links one per line, as a reader sees them and as their rows hold them. */
interface ListForms {
  shown: string;
  stored: string;
}

const formsOf = (list: StoredList): ListForms => {
  const shown = list.links.map((link) => shownAs(link.documentId, link.sameStory, JSON.stringify(link.reasons)));
  return { shown: shown.join('\n'), stored: list.links.map((link, at) => storedAs(shown[at], link.score, link.pinned)).join('\n') };
};

/** How each of these lists reads now and is stored, by encoded key; a missing list reads as empty. */
const storedLists = async (db: Knex, keys: DocumentKey[]): Promise<Map<string, ListForms>> => {
  const lines = new Map<string, { shown: string[]; stored: string[] }>();
  for (const chunk of chunked(keys)) {
    const rows: Array<{
      document_id: string;
      locale: string;
      target_document_id: string;
      score: unknown;
      pinned: unknown;
      same_story: unknown;
      reasons: string;
    }> = await whereKeys(
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
      const list = lines.get(id) ?? { shown: [], stored: [] };
      const shown = shownAs(String(row.target_document_id), Boolean(row.same_story), String(row.reasons));
      list.shown.push(shown);
      list.stored.push(storedAs(shown, Number(row.score), Boolean(row.pinned)));
      lines.set(id, list);
    }
  }
  return new Map([...lines].map(([id, list]) => [id, { shown: list.shown.join('\n'), stored: list.stored.join('\n') }]));
};

const rowsOf = (lists: StoredList[]) =>
  lists.flatMap((list) =>
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

/** Deletes these lists' rows and inserts their links. */
const rewrite = async (trx: Knex, lists: StoredList[]): Promise<void> => {
  await deleteKeys(trx, TABLES.links, lists);
  await insertRows(trx, TABLES.links, rowsOf(lists));
};

const writeLists = async (db: Knex, lists: StoredList[], compare: boolean): Promise<DocumentKey[]> => {
  if (lists.length === 0) return [];
  return db.transaction(async (trx) => {
    if (!compare) {
      await rewrite(trx, lists);
      return [];
    }
    await writeFirst(trx, TABLES.links);
    const before = await storedLists(trx, lists);
    const empty: ListForms = { shown: '', stored: '' };
    const compared = lists.map((list) => ({ list, now: formsOf(list), was: before.get(encodeKey(list)) ?? empty }));
    // A list computed again as it was keeps its rows: a refresh, or a save's neighbours, write only what moved.
    const rewritten = compared.filter(({ now, was }) => now.stored !== was.stored);
    await rewrite(
      trx,
      rewritten.map(({ list }) => list),
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
