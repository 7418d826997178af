import type { Core } from '@strapi/strapi';
import type { EdgeService } from '../services/edge';
import { ARTICLE_UID, SECTION_UID, TAG_UID } from '../uids';
import { afterCommit, WRITE_ACTIONS } from './after-commit';
import { touchedKeys } from './enqueue-related';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Writes that change an article's published version; a draft save shows nowhere. */
const PUBLISHING_ACTIONS = new Set(['publish', 'unpublish', 'delete']);

/**
 * After a write has committed (and the in-process answers were dropped), purges what it changed
 * from caches in front: a published article's keys, or every answer of the locales a section or
 * tag write touched (they show in breadcrumbs, cards and lists everywhere). Related lists and
 * rankings the write changes are purged when they are recomputed.
 */
export const createPurgeAfterWrite = (strapi: Core.Strapi, edge: () => EdgeService): Middleware => {
  return async (context, next) => {
    const taxonomy = context.uid === SECTION_UID || context.uid === TAG_UID;
    if ((context.uid !== ARTICLE_UID && !taxonomy) || !WRITE_ACTIONS.has(context.action)) return next();
    const result = await next();
    const params = context.params as { status?: unknown };
    if (!taxonomy && !PUBLISHING_ACTIONS.has(context.action) && params.status !== 'published') return result;
    const keys = touchedKeys(result);
    await afterCommit(strapi, () => {
      if (taxonomy || keys.length === 0) return edge().localesChanged(keys.length > 0 ? [...new Set(keys.map((key) => key.locale))] : undefined);
      edge().articlesWritten(keys);
    });
    return result;
  };
};
