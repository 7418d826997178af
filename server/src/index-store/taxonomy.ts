import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { ARTICLE_UID, SECTION_UID, TAG_UID } from '../uids';
import { chunked } from './batches';
import { columnOf, joinTableOf, modelMeta } from './model-meta';

/** The taxonomy types whose names are part of an article's indexed text. */
export const TAXONOMY_UIDS = [TAG_UID, SECTION_UID] as const;
export type TaxonomyUid = (typeof TAXONOMY_UIDS)[number];

export const isTaxonomy = (uid: string): uid is TaxonomyUid => (TAXONOMY_UIDS as readonly string[]).includes(uid);

/** The article relation that points at each taxonomy type. */
const ARTICLE_RELATION: Record<TaxonomyUid, string> = { [TAG_UID]: 'tags', [SECTION_UID]: 'section' };

/** What a write may change of taxonomy rows, noted before it runs (in the write's transaction). */
export interface TaxonomySnapshot {
  uid: TaxonomyUid;
  names: Map<number, string>;
  /** For a delete: each row's published articles, read while the links still exist. */
  articles?: Map<number, DocumentKey[]>;
}

/**
 * Which published articles a change to tags or sections touches. A tag's or a section's name is
 * indexed with every article that has it: a rename, or the row's deletion, changes those
 * articles' profiles, lists and reasons; the rest of the row (slug, parent) changes no profile.
 */
export const createTaxonomyReads = (strapi: Core.Strapi) => {
  const names = async (db: Knex, uid: TaxonomyUid, rowIds: number[]): Promise<Map<number, string>> => {
    const model = modelMeta(strapi, uid);
    const found = new Map<number, string>();
    for (const chunk of chunked(rowIds)) {
      const rows: Array<{ id: number | string; name: unknown }> = await db(model.tableName)
        .select({ id: 'id', name: columnOf(model, 'name') })
        .whereIn('id', chunk);
      for (const row of rows) found.set(Number(row.id), String(row.name ?? ''));
    }
    return found;
  };

  /** Each row's published articles (documentId and locale), by row. */
  const articlesByRow = async (db: Knex, uid: TaxonomyUid, rowIds: number[]): Promise<Map<number, DocumentKey[]>> => {
    const article = modelMeta(strapi, ARTICLE_UID);
    const link = joinTableOf(article, ARTICLE_RELATION[uid]);
    const byRow = new Map<number, DocumentKey[]>();
    for (const chunk of chunked(rowIds)) {
      const rows: Array<{ row: number | string; documentId: string; locale: string }> = await db(`${link.name} as l`)
        .distinct({ row: `l.${link.inverseJoinColumn.name}`, documentId: `a.${columnOf(article, 'documentId')}`, locale: `a.${columnOf(article, 'locale')}` })
        .join(`${article.tableName} as a`, 'a.id', `l.${link.joinColumn.name}`)
        .whereIn(`l.${link.inverseJoinColumn.name}`, chunk)
        .whereNotNull(`a.${columnOf(article, 'publishedAt')}`);
      for (const row of rows) {
        const list = byRow.get(Number(row.row)) ?? [];
        list.push({ documentId: String(row.documentId), locale: String(row.locale) });
        byRow.set(Number(row.row), list);
      }
    }
    return byRow;
  };

  return {
    /**
     * The ids of a document's rows in every locale: a write changes some of them, and comparing
     * all of them before and after finds which, whatever locale parameter the write had.
     */
    async rowsOfDocument(db: Knex, uid: TaxonomyUid, documentId: string): Promise<number[]> {
      const model = modelMeta(strapi, uid);
      const rows: Array<{ id: number | string }> = await db(model.tableName).select('id').where(columnOf(model, 'documentId'), documentId);
      return rows.map((row) => Number(row.id));
    },

    /** Before a write to these rows: their names, and for a delete their articles. */
    async before(db: Knex, uid: TaxonomyUid, rowIds: number[], deleting: boolean): Promise<TaxonomySnapshot> {
      return { uid, names: await names(db, uid, rowIds), articles: deleting ? await articlesByRow(db, uid, rowIds) : undefined };
    },

    /** After it: the articles of the rows it renamed or deleted. */
    async after(db: Knex, { uid, names: before, articles }: TaxonomySnapshot): Promise<DocumentKey[]> {
      const now = await names(db, uid, [...before.keys()]);
      const renamed = [...before].filter(([id, name]) => now.has(id) && now.get(id) !== name).map(([id]) => id);
      const deleted = [...before.keys()].filter((id) => !now.has(id));
      const keys = [...(renamed.length > 0 ? (await articlesByRow(db, uid, renamed)).values() : [])].flat();
      for (const id of deleted) keys.push(...(articles?.get(id) ?? []));
      return keys;
    },
  };
};

export type TaxonomyReads = ReturnType<typeof createTaxonomyReads>;
