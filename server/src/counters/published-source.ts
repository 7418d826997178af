import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../uids';
import type { PublishedSource } from './published-index';

/** Published articles straight from the database (ids and locales only). */
export const createPublishedSource = (strapi: Core.Strapi): PublishedSource => {
  const query = () => strapi.db.query(ARTICLE_UID);
  return {
    all: async () =>
      (await query().findMany({ select: ['documentId', 'locale'], where: { publishedAt: { $notNull: true } } })) as Array<{
        documentId: string;
        locale: string;
      }>,
    localesOf: async (documentId) =>
      ((await query().findMany({ select: ['locale'], where: { documentId, publishedAt: { $notNull: true } } })) as Array<{ locale: string }>).map(
        (row) => row.locale,
      ),
  };
};
