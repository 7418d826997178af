import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { blocksToPlainText } from '../articles/plain-text';
import { ARTICLE_UID, SECTION_UID, TAG_UID } from '../uids';
import type { DocumentKey } from '../articles/document-key';
import { chunked } from './batches';
import { countRows, whereKeys } from '../database/dialect';
import { compiledSelect, type Row } from './compiled-select';
import { columnOf, joinTableOf, modelMeta, type JoinTable, type ModelMeta } from './model-meta';
import { indexedVersion, toTime, type Fingerprint, type IndexedContent, type StampedKey } from './stamps';

/** What the related-links engine and its editorial rules need from a published article. */
export interface PublishedArticle extends DocumentKey, IndexedContent {
  rowId: number;
  /** The row's `updated_at` (ms): with `rowId`, the stamp start-up and periodic checks compare. */
  updatedAt: number;
  /** A hash of the indexed content (see `indexedVersion`). */
  version: string;
}

/** The editorial rules of a published article's own related list. */
export type ArticleRules = Pick<PublishedArticle, 'rowId' | 'documentId' | 'locale' | 'hideRelated' | 'pinned' | 'excluded' | 'notInStory'>;

/** A relation to read: its join table, the model it points at and the column wanted. */
interface Relation {
  link: JoinTable;
  target: ModelMeta;
  value: string;
}

const toBody = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/**
 * Reads published articles straight from the database with plain queries: the worker needs a
 * handful of columns and four relations, and Strapi's populate costs a query per relation and
 * per level on every save. Table and column names come from Strapi's own metadata.
 */
export const createArticleSource = (strapi: Core.Strapi) => {
  const knex = (): Knex => strapi.db.connection;
  const meta = (uid: string): ModelMeta => modelMeta(strapi, uid);

  const layout = () => {
    const article = meta(ARTICLE_UID);
    const section = meta(SECTION_UID);
    const tag = meta(TAG_UID);
    return {
      article,
      section,
      tag,
      sectionLink: joinTableOf(article, 'section'),
      tagLinks: joinTableOf(article, 'tags'),
      pinnedLinks: joinTableOf(article, 'relatedPinned'),
      excludedLinks: joinTableOf(article, 'relatedExcluded'),
      notInStoryLinks: joinTableOf(article, 'notInStory'),
      col: (attribute: string) => columnOf(article, attribute),
    };
  };
  let cached: ReturnType<typeof layout> | undefined;
  const tables = () => (cached ??= layout());

  /** The published (or draft) rows matching `where`, with their section, in row order. */
  const articleRows = (db: Knex, where: (query: Knex.QueryBuilder) => void, limit?: number, status: 'published' | 'draft' = 'published'): Knex.QueryBuilder => {
    const { article, section, sectionLink, col } = tables();
    const query = db(`${article.tableName} as a`)
      .select({
        id: 'a.id',
        documentId: `a.${col('documentId')}`,
        locale: `a.${col('locale')}`,
        publishedAt: `a.${col('publishedAt')}`,
        updatedAt: `a.${col('updatedAt')}`,
        publicationDate: `a.${col('publicationDate')}`,
        title: `a.${col('title')}`,
        dek: `a.${col('dek')}`,
        body: `a.${col('body')}`,
        hideRelated: `a.${col('hideRelated')}`,
        neverListAsRelated: `a.${col('neverListAsRelated')}`,
        sectionDocumentId: `s.${columnOf(section, 'documentId')}`,
        sectionName: `s.${columnOf(section, 'name')}`,
      })
      .leftJoin(`${sectionLink.name} as sl`, `sl.${sectionLink.joinColumn.name}`, 'a.id')
      .leftJoin(`${section.tableName} as s`, 's.id', `sl.${sectionLink.inverseJoinColumn.name}`)
      .modify((query) => (status === 'published' ? query.whereNotNull(`a.${col('publishedAt')}`) : query.whereNull(`a.${col('publishedAt')}`)))
      .modify(where)
      .orderBy('a.id');
    return limit === undefined ? query : query.limit(limit);
  };

  /**
   * For each relation, and each article row id, the `value` column of the rows it points at, in
   * the relation's order. One query for all of them: a save reads its article's tags, pins and
   * exclusions, and each query costs a round trip.
   */
  const relationRows = (db: Knex, wanted: Relation[], ids: number[]): Knex.QueryBuilder => {
    const [first, ...others] = wanted.map(({ link, target, value }, kind) =>
      db(`${link.name} as l`)
        .select({
          kind: db.raw(String(kind)),
          owner: `l.${link.joinColumn.name}`,
          value: `t.${columnOf(target, value)}`,
          position: link.orderColumnName ? `l.${link.orderColumnName}` : db.raw('0'),
          row: 'l.id',
        })
        .join(`${target.tableName} as t`, 't.id', `l.${link.inverseJoinColumn.name}`)
        .whereIn(`l.${link.joinColumn.name}`, ids),
    );
    return db.select('*').from(first.unionAll(others).as('r')).orderBy(['kind', 'owner', 'position', 'row']);
  };

  /** `relationRows`, per relation, grouped by owner. */
  const relationLists = (wanted: Relation[], rows: Row[]): Map<number, string[]>[] => {
    const out = wanted.map(() => new Map<number, string[]>());
    for (const row of rows) {
      const lists = out[Number(row.kind)];
      const owner = Number(row.owner);
      const list = lists.get(owner) ?? [];
      list.push(String(row.value));
      lists.set(owner, list);
    }
    return out;
  };

  const relations = async (db: Knex, wanted: Relation[], ids: number[]): Promise<Map<number, string[]>[]> =>
    relationLists(wanted, ids.length === 0 ? [] : await relationRows(db, wanted, ids));

  const rules = (): Relation[] => {
    const { article, pinnedLinks, excludedLinks, notInStoryLinks } = tables();
    return [
      { link: pinnedLinks, target: article, value: 'documentId' },
      { link: excludedLinks, target: article, value: 'documentId' },
      { link: notInStoryLinks, target: article, value: 'documentId' },
    ];
  };

  const allRelations = (): Relation[] => {
    const { tag, tagLinks } = tables();
    return [{ link: tagLinks, target: tag, value: 'name' }, ...rules()];
  };

  // A save's job reads one article: its two queries are compiled once.
  const oneArticle = (status: 'published' | 'draft') =>
    compiledSelect<[string, string]>(['\u0000documentId', '\u0000locale'], (db, documentId, locale) =>
      articleRows(db, (query) => query.where(`a.${tables().col('documentId')}`, documentId).andWhere(`a.${tables().col('locale')}`, locale), 1, status),
    );
  const onePublished = oneArticle('published');
  const oneDraft = oneArticle('draft');
  const oneArticlesRelations = compiledSelect<[number]>(['\u0000id'], (db, id) => relationRows(db, allRelations(), [id]));

  const complete = async (db: Knex, rows: Row[]): Promise<PublishedArticle[]> => {
    const ids = rows.map((row) => Number(row.id));
    const wanted = allRelations();
    const [tags, pinned, excluded, notInStory] =
      ids.length === 1 ? relationLists(wanted, await oneArticlesRelations(db, ids[0])) : await relations(db, wanted, ids);
    return rows.map((row) => {
      const id = Number(row.id);
      const content = {
        title: typeof row.title === 'string' ? row.title : '',
        dek: typeof row.dek === 'string' ? row.dek : '',
        body: blocksToPlainText(toBody(row.body)),
        tags: tags.get(id) ?? [],
        sectionId: row.sectionDocumentId === null || row.sectionDocumentId === undefined ? null : String(row.sectionDocumentId),
        sectionName: typeof row.sectionName === 'string' ? row.sectionName : '',
        publicationTime: toTime(row.publicationDate) || toTime(row.publishedAt),
        hideRelated: Boolean(row.hideRelated),
        neverListAsRelated: Boolean(row.neverListAsRelated),
        pinned: pinned.get(id) ?? [],
        excluded: excluded.get(id) ?? [],
        notInStory: notInStory.get(id) ?? [],
      };
      return {
        rowId: id,
        documentId: String(row.documentId),
        locale: String(row.locale),
        updatedAt: toTime(row.updatedAt),
        version: indexedVersion(content),
        ...content,
      };
    });
  };

  const findVersion = async ({ documentId, locale }: DocumentKey, status: 'published' | 'draft'): Promise<PublishedArticle | null> => {
    const rows = await (status === 'published' ? onePublished : oneDraft)(knex(), documentId, locale);
    const [article] = await complete(knex(), rows);
    return article ?? null;
  };

  /** The published versions of these articles (those that have one). */
  const findPublishedByKeys = async (keys: DocumentKey[]): Promise<PublishedArticle[]> => {
    const { col } = tables();
    const found: PublishedArticle[] = [];
    for (const chunk of chunked(keys)) {
      const rows = await articleRows(knex(), (query) => whereKeys(knex(), query, [`a.${col('documentId')}`, `a.${col('locale')}`], chunk));
      found.push(...(await complete(knex(), rows)));
    }
    return found;
  };

  const findPublished = (key: DocumentKey): Promise<PublishedArticle | null> => findVersion(key, 'published');

  /** The draft version, read like a published one (its publication time is 0 until it has a date). */
  const findDraft = (key: DocumentKey): Promise<PublishedArticle | null> => findVersion(key, 'draft');

  /** A batch of published articles in row order, after `afterRowId`. */
  const findPublishedBatch = async (afterRowId: number, size: number): Promise<PublishedArticle[]> =>
    complete(knex(), await articleRows(knex(), (query) => query.where('a.id', '>', afterRowId), size));

  /**
   * A batch of published articles' editorial rules in row order, after `afterRowId`: what a
   * start-up needs besides the stored profiles, without reading and converting every body.
   */
  const findRulesBatch = async (afterRowId: number, size: number): Promise<ArticleRules[]> => {
    const { article, col } = tables();
    const rows: Row[] = await knex()(article.tableName)
      .select({ id: 'id', documentId: col('documentId'), locale: col('locale'), hideRelated: col('hideRelated') })
      .whereNotNull(col('publishedAt'))
      .andWhere('id', '>', afterRowId)
      .orderBy('id')
      .limit(size);
    const ids = rows.map((row) => Number(row.id));
    const [pinned, excluded, notInStory] = await relations(knex(), rules(), ids);
    return rows.map((row) => {
      const id = Number(row.id);
      return {
        rowId: id,
        documentId: String(row.documentId),
        locale: String(row.locale),
        hideRelated: Boolean(row.hideRelated),
        pinned: pinned.get(id) ?? [],
        excluded: excluded.get(id) ?? [],
        notInStory: notInStory.get(id) ?? [],
      };
    });
  };

  /** Every published (documentId, locale) with its row's stamp, for reconciliation. */
  const listPublishedStamps = async (): Promise<StampedKey[]> => {
    const { article, col } = tables();
    const rows: Row[] = await knex()(article.tableName)
      .select({ rowId: 'id', documentId: col('documentId'), locale: col('locale'), updatedAt: col('updatedAt') })
      .whereNotNull(col('publishedAt'));
    return rows.map((row) => ({ documentId: String(row.documentId), locale: String(row.locale), rowId: Number(row.rowId), updatedAt: toTime(row.updatedAt) }));
  };

  /** The stamps of every published row in one aggregate (compared with the stored profiles'). */
  const publishedFingerprint = async (): Promise<Fingerprint> => {
    const { article, col } = tables();
    const row: Row | undefined = await knex()(article.tableName)
      .whereNotNull(col('publishedAt'))
      .first(knex().raw('count(*) as n'), knex().raw('sum(id) as id_sum'), knex().raw('max(??) as latest', [col('updatedAt')]));
    return { count: Number(row?.n ?? 0), rowIdSum: Number(row?.id_sum ?? 0), latestUpdate: toTime(row?.latest) };
  };

  const countPublished = async (): Promise<number> => {
    const { article, col } = tables();
    return countRows(knex()(article.tableName).whereNotNull(col('publishedAt')));
  };

  return { findPublished, findPublishedByKeys, findDraft, findPublishedBatch, findRulesBatch, listPublishedStamps, publishedFingerprint, countPublished };
};

export type ArticleSource = ReturnType<typeof createArticleSource>;
