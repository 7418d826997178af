import type { Core } from '@strapi/strapi';
import { yieldToRequests } from '../event-loop/yield-to-requests';
import { columnOf, modelMeta } from '../index-store/model-meta';
import { ARTICLE_UID } from '../uids';
import type { PublishedSource } from './published-index';

/** Rows per read of the full list: a million articles never come back in one answer. */
const PAGE = 10_000;

/** Published articles straight from the database (ids and locales only). */
export const createPublishedSource = (strapi: Core.Strapi): PublishedSource => {
  const query = () => strapi.db.query(ARTICLE_UID);
  return {
    async *all() {
      const model = modelMeta(strapi, ARTICLE_UID);
      const knex = strapi.db.connection;
      // Plain rows in pages of the primary key, requests answered between them: Strapi's query
      // engine would hydrate every row at once (seconds at a million articles).
      for (let after = 0; ;) {
        const rows: Array<{ id: number; documentId: unknown; locale: unknown }> = await knex(model.tableName)
          .select({ id: 'id', documentId: columnOf(model, 'documentId'), locale: columnOf(model, 'locale') })
          .whereNotNull(columnOf(model, 'publishedAt'))
          .andWhere('id', '>', after)
          .orderBy('id')
          .limit(PAGE);
        if (rows.length === 0) return;
        yield rows.map((row) => ({ documentId: String(row.documentId), locale: String(row.locale) }));
        after = Number(rows[rows.length - 1].id);
        await yieldToRequests();
      }
    },
    localesOf: async (documentId) =>
      ((await query().findMany({ select: ['locale'], where: { documentId, publishedAt: { $notNull: true } } })) as Array<{ locale: string }>).map(
        (row) => row.locale,
      ),
  };
};
