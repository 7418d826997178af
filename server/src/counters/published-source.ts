import type { Core } from '@strapi/strapi';
import { yieldToRequests } from '../event-loop/yield-to-requests';
import { pageAfterKey } from '../index-store/batches';
import { columnOf, modelMeta } from '../index-store/model-meta';
import { ARTICLE_UID } from '../uids';
import type { PublishedSource } from './published-index';

/** Rows per read of the full list: a million articles never come back in one answer. */
const PAGE = 10_000;

/** Published articles straight from the database (ids and locales only). */
export const createPublishedSource = (strapi: Core.Strapi, page = PAGE): PublishedSource => {
  const query = () => strapi.db.query(ARTICLE_UID);
  return {
    async *all() {
      const model = modelMeta(strapi, ARTICLE_UID);
      const knex = strapi.db.connection;
      const key: [string, string] = [columnOf(model, 'documentId'), columnOf(model, 'locale')];
      // Plain rows in pages of (documentId, locale), requests answered between them: Strapi's
      // query engine would hydrate every row at once (seconds at a million articles). That order
      // is Strapi's own index on (document_id, locale, published_at), so a page reads the index
      // alone; paged by id, it read the rows themselves, bodies and all (on SQLite at a million
      // articles, 40–60 ms a page of the app's thread against 10–20 ms).
      for (let after: [string, string] = ['', '']; ;) {
        const rows: Array<{ documentId: unknown; locale: unknown }> = await pageAfterKey(
          knex(model.tableName).select({ documentId: key[0], locale: key[1] }).whereNotNull(columnOf(model, 'publishedAt')),
          key,
          after,
          page,
        );
        if (rows.length === 0) return;
        yield rows.map((row) => ({ documentId: String(row.documentId), locale: String(row.locale) }));
        const last = rows[rows.length - 1];
        after = [String(last.documentId), String(last.locale)];
        await yieldToRequests();
      }
    },
    localesOf: async (documentId) =>
      ((await query().findMany({ select: ['locale'], where: { documentId, publishedAt: { $notNull: true } } })) as Array<{ locale: string }>).map(
        (row) => row.locale,
      ),
  };
};
