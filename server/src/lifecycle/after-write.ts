import type { Core } from '@strapi/strapi';
import { afterCommit, WRITE_ACTIONS } from './after-commit';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Runs `task` once a Document Service write of one of these types has committed: the content
 * API's cache is cleared after a save of anything its answers show (clearing before the commit
 * could let a concurrent read cache the old state again), rankings are recomputed after a save
 * of a section or a ranking.
 */
export const createAfterWrite = (strapi: Core.Strapi, uids: string[], task: () => void): Middleware => {
  const watched = new Set(uids);
  return async (context, next) => {
    if (!watched.has(context.uid) || !WRITE_ACTIONS.has(context.action)) return next();
    const result = await next();
    await afterCommit(strapi, task);
    return result;
  };
};
