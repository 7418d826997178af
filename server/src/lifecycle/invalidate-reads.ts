import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, RANKING_UID, SECTION_UID, TAG_UID } from '../uids';
import { afterCommit, WRITE_ACTIONS } from './after-commit';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Types whose saves change what the content API answers (titles, sections, rankings' settings). */
const READ_TYPES = new Set([ARTICLE_UID, SECTION_UID, RANKING_UID, TAG_UID]);

/**
 * Clears the content API's cached answers once a save of an article, section, ranking or tag has
 * committed: the next read sees it. Clearing before the commit could let a concurrent read cache
 * the old state again.
 */
export const createInvalidateReads = (strapi: Core.Strapi, invalidate: () => void): Middleware => {
  return async (context, next) => {
    if (!READ_TYPES.has(context.uid) || !WRITE_ACTIONS.has(context.action)) return next();
    const result = await next();
    await afterCommit(strapi, invalidate);
    return result;
  };
};
