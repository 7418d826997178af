import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { ARTICLE_UID } from '../uids';
import { WRITE_ACTIONS } from './after-commit';
import { writeFirst } from '../database/dialect';
import { TABLES } from '../index-store/tables';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

interface Entry {
  documentId?: unknown;
  locale?: unknown;
}

/** The (documentId, locale) pairs a Document Service write touched, read from its result. */
export const touchedKeys = (result: unknown): DocumentKey[] => {
  if (!result || typeof result !== 'object') return [];
  const outcome = result as Entry & { entries?: Entry[] };
  const entries: Entry[] = Array.isArray(outcome.entries) ? outcome.entries : [outcome];
  const documentId = typeof outcome.documentId === 'string' ? outcome.documentId : undefined;
  return entries.flatMap((entry) => {
    const id = typeof entry.documentId === 'string' ? entry.documentId : documentId;
    return id && typeof entry.locale === 'string' ? [{ documentId: id, locale: entry.locale }] : [];
  });
};

/**
 * Notes which articles a save touched, nothing else: a job row per article and locale,
 * written in the save's own transaction so that it commits (or rolls back) with the save.
 * The worker is woken after the commit and does the recompute outside the editor's request.
 */
export const createEnqueueRelated = (
  strapi: Core.Strapi,
  enqueue: (trx: Knex.Transaction, keys: DocumentKey[]) => Promise<void>,
  wake: () => void,
): Middleware => {
  return async (context, next) => {
    if (context.uid !== ARTICLE_UID || !WRITE_ACTIONS.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      await writeFirst(trx, TABLES.jobs);
      const result = await next();
      await enqueue(trx, touchedKeys(result));
      onCommit(wake);
      return result;
    });
  };
};
