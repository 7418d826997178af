import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { WRITE_ACTIONS } from './after-commit';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

const scope = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * True inside a Document Service write of `uid`: the database hooks below it (a publish deletes
 * and re-inserts rows) are that write's own, and its middlewares already do their work.
 */
export const insideDocumentWrite = (uid: string): boolean => scope.getStore()?.has(uid) ?? false;

/**
 * Marks the Document Service writes of these types for `insideDocumentWrite`. Registered first,
 * so that every other middleware and the write itself run inside the mark.
 */
export const createDocumentScope = (uids: string[]): Middleware => {
  const watched = new Set(uids);
  return async (context, next) => {
    if (!watched.has(context.uid) || !WRITE_ACTIONS.has(context.action)) return next();
    const outer = scope.getStore();
    return scope.run(new Set([...(outer ?? []), context.uid]), () => next());
  };
};
