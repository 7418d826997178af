import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { isTaxonomy, type TaxonomyReads, type TaxonomyUid } from '../index-store/taxonomy';
import { WRITE_ACTIONS } from './after-commit';
import { writeFirst } from '../database/dialect';
import { TABLES } from '../index-store/tables';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Queues every published article whose indexed text a tag or section save changes (a rename, a
 * deletion), in the save's own transaction, exactly as an article save queues itself; after the
 * commit, `changed` wakes the worker and whatever else follows the taxonomy (rankings).
 */
export const createEnqueueTaxonomy = (
  strapi: Core.Strapi,
  reads: TaxonomyReads,
  enqueue: (trx: Knex.Transaction, keys: DocumentKey[]) => Promise<void>,
  changed: (uid: TaxonomyUid) => void,
): Middleware => {
  return async (context, next) => {
    const { uid, action } = context;
    if (!isTaxonomy(uid) || !WRITE_ACTIONS.has(action)) return next();
    const { documentId } = context.params as { documentId?: unknown };
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      await writeFirst(trx, TABLES.jobs);
      const rows = typeof documentId === 'string' ? await reads.rowsOfDocument(trx, uid, documentId) : [];
      const snapshot = await reads.before(trx, uid, rows, action === 'delete');
      const result = await next();
      await enqueue(trx, await reads.after(trx, snapshot));
      onCommit(() => changed(uid));
      return result;
    });
  };
};
