import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService } from '../../server/src/services/access';

export const relatedService = (strapi: Core.Strapi) => getService(strapi, 'related');

export const listOf = async (strapi: Core.Strapi, documentId: string, locale = 'en'): Promise<string[]> =>
  (await relatedService(strapi).getList({ documentId, locale })).map((link) => link.documentId);

/** Every stored list, link by link, in key order: two of these are equal when the lists are. */
export const storedLists = async (db: Knex) =>
  (
    await db('newsroom_related_links')
      .select('document_id', 'locale', 'position', 'target_document_id', 'score', 'pinned', 'same_story', 'reasons')
      .orderBy(['document_id', 'locale', 'position'])
  ).map((row) => ({ ...row, score: Number(row.score), pinned: Boolean(row.pinned), same_story: Boolean(row.same_story) }));

/** Whether the latest run is a finished refresh whose lists phase began after every save's job. */
export const refreshCoversEverySave = async (db: Knex): Promise<boolean> => {
  const lastSave = await db('newsroom_related_changes').where({ source: 'job' }).max({ id: 'id' }).first();
  const run = await db('newsroom_related_rebuilds').orderBy('id', 'desc').first();
  return run?.kind === 'refresh' && run.status === 'done' && Number(run.lists_from_change) >= Number(lastSave?.id ?? 0);
};
