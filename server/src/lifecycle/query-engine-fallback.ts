import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { columnOf, modelMeta } from '../index-store/model-meta';
import { isTaxonomy, type TaxonomyReads, type TaxonomySnapshot, type TaxonomyUid } from '../index-store/taxonomy';
import { ARTICLE_UID, RANKING_UID, SECTION_UID, TAG_UID } from '../uids';
import { insideDocumentWrite } from './document-scope';
import { writeFirst } from '../database/dialect';
import { TABLES } from '../index-store/tables';

/** What a database lifecycle event carries (see `@strapi/database`'s lifecycles). */
interface LifecycleEvent {
  action: string;
  model: { uid: string };
  params: { where?: unknown };
  result?: unknown;
  state: { keys?: DocumentKey[]; snapshot?: TaxonomySnapshot };
}

/** What follows a write, once it has committed. */
export interface FallbackReactions {
  enqueue(trx: Knex.Transaction, keys: DocumentKey[]): Promise<void>;
  articlesChanged(documentIds: string[]): void;
  taxonomyChanged(uid: TaxonomyUid): void;
  rankingsChanged(): void;
}

const WATCHED = [ARTICLE_UID, TAG_UID, SECTION_UID, RANKING_UID];

type Where = Record<string, unknown>;

/**
 * Catches writes made with the Query Engine (`strapi.db.query(uid).update(...)`, `updateMany`,
 * `deleteMany`, ...) in migrations and user code, which no Document Service middleware sees:
 * the same articles are queued, in the same transaction when there is one, and the same caches
 * and rankings follow. A Document Service write's own database events are left to its
 * middlewares (`insideDocumentWrite`).
 */
export const subscribeQueryEngineFallback = (strapi: Core.Strapi, reads: TaxonomyReads, react: FallbackReactions): (() => void) => {
  // Joins the write's transaction when it has one (Strapi keeps it in async context).
  const inTransaction = async <T>(work: (trx: Knex.Transaction, onCommit: (callback: () => void) => void) => Promise<T>): Promise<T> =>
    (await strapi.db.transaction(async ({ trx, onCommit }) => {
      await writeFirst(trx, TABLES.jobs);
      return work(trx, onCommit);
    })) as T;

  const query = (uid: string) => strapi.db.query(uid as Parameters<Core.Strapi['db']['query']>[0]);

  /** The rows a write with this `where` touches: the first match for single writes, all for `Many`. */
  const rowIds = async (uid: string, where: unknown, many: boolean): Promise<number[]> => {
    if (!where || typeof where !== 'object') return [];
    const rows = (
      many ? await query(uid).findMany({ where: where as Where, select: ['id'] }) : [await query(uid).findOne({ where: where as Where, select: ['id'] })]
    ) as Array<{ id: number } | null>;
    return rows.flatMap((row) => (row ? [Number(row.id)] : []));
  };

  const articleKeys = async (db: Knex, ids: number[]): Promise<DocumentKey[]> => {
    if (ids.length === 0) return [];
    const article = modelMeta(strapi, ARTICLE_UID);
    const rows: Array<{ documentId: string; locale: string }> = await db(article.tableName)
      .distinct({ documentId: columnOf(article, 'documentId'), locale: columnOf(article, 'locale') })
      .whereIn('id', ids);
    return rows.map((row) => ({ documentId: String(row.documentId), locale: String(row.locale) }));
  };

  const createdIds = (event: LifecycleEvent): number[] => {
    const result = event.result as { id?: unknown; ids?: unknown } | null | undefined;
    if (Array.isArray(result?.ids)) return result.ids.map(Number);
    return result?.id === undefined ? [] : [Number(result.id)];
  };

  const many = (event: LifecycleEvent): boolean => event.action.endsWith('Many');

  const before = async (event: LifecycleEvent): Promise<void> => {
    const { uid } = event.model;
    if (insideDocumentWrite(uid)) return;
    const deleting = event.action.startsWith('beforeDelete');
    if (uid === ARTICLE_UID) {
      const ids = await rowIds(uid, event.params.where, many(event));
      event.state.keys = await inTransaction((trx) => articleKeys(trx, ids));
    } else if (isTaxonomy(uid)) {
      const ids = await rowIds(uid, event.params.where, many(event));
      event.state.snapshot = await inTransaction((trx) => reads.before(trx, uid, ids, deleting));
    }
  };

  const after = async (event: LifecycleEvent): Promise<void> => {
    const { uid } = event.model;
    if (insideDocumentWrite(uid)) return;
    if (uid === ARTICLE_UID) {
      await inTransaction(async (trx, onCommit) => {
        const created = event.action.startsWith('afterCreate') ? await articleKeys(trx, createdIds(event)) : [];
        const keys = [...(event.state.keys ?? []), ...created];
        await react.enqueue(trx, keys);
        onCommit(() => react.articlesChanged([...new Set(keys.map((key) => key.documentId))]));
      });
    } else if (isTaxonomy(uid)) {
      const { snapshot } = event.state;
      await inTransaction(async (trx, onCommit) => {
        if (snapshot) await react.enqueue(trx, await reads.after(trx, snapshot));
        onCommit(() => react.taxonomyChanged(uid));
      });
    } else {
      await inTransaction(async (_trx, onCommit) => onCommit(() => react.rankingsChanged()));
    }
  };

  return strapi.db.lifecycles.subscribe({
    models: WATCHED,
    beforeUpdate: before,
    beforeUpdateMany: before,
    beforeDelete: before,
    beforeDeleteMany: before,
    afterCreate: after,
    afterCreateMany: after,
    afterUpdate: after,
    afterUpdateMany: after,
    afterDelete: after,
    afterDeleteMany: after,
  } as unknown as Parameters<Core.Strapi['db']['lifecycles']['subscribe']>[0]);
};
