import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../uids';
import { afterCommit, WRITE_ACTIONS } from './after-commit';
import { touchedKeys } from './enqueue-related';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Keeps the beacons' set of published articles in step with saves: after an article's write has
 * committed, its documents are re-read before the save returns, so a beacon sent right after an
 * unpublish gets its 404. Registered first, it runs outside the write's own transaction; inside a
 * caller's transaction it waits for that commit.
 */
export const createRefreshPublished = (strapi: Core.Strapi, refresh: (documentIds: string[]) => Promise<void>): Middleware => {
  return async (context, next) => {
    if (context.uid !== ARTICLE_UID || !WRITE_ACTIONS.has(context.action)) return next();
    const result = await next();
    const params = context.params as { documentId?: unknown };
    const documentIds = new Set(touchedKeys(result).map((key) => key.documentId));
    if (typeof params.documentId === 'string') documentIds.add(params.documentId);
    await afterCommit(strapi, () => refresh([...documentIds]));
    return result;
  };
};
