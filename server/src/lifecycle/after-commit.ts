import type { Core } from '@strapi/strapi';

/** The Document Service actions that change what is stored. */
export const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

/** Runs `task` once the caller's transaction has committed, or now when there is none. */
export const afterCommit = async (strapi: Core.Strapi, task: () => Promise<void> | void): Promise<void> => {
  if (strapi.db.inTransaction()) {
    await strapi.db.transaction(async ({ onCommit }) => onCommit(() => void task()));
  } else {
    await task();
  }
};
