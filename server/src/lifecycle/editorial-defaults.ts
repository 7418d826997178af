import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, SLUGGED_TYPES } from '../uids';

type Data = Record<string, unknown>;
type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

const localeOf = (params: { locale?: unknown }): string | undefined => (typeof params.locale === 'string' && params.locale !== '*' ? params.locale : undefined);

/**
 * Fills what editors and importers should not have to type: a unique slug from the title
 * (the content manager does this in its form; the Document Service does not), and a stable
 * publication date on first publish. Strapi resets `publishedAt` on every publish, so a
 * corrected article would otherwise jump to the top of every "newest" list.
 */
export const createEditorialDefaults = (strapi: Core.Strapi): Middleware => {
  // An update that omits the slug keeps the stored one, unless it creates a new locale.
  const isNewLocale = async (uid: string, documentId: string, locale: string | undefined): Promise<boolean> =>
    !(await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId, ...(locale ? { locale } : {}) } }));

  // A slug shared by all locales (the ranking's) is the document's, not a new one per locale.
  const sharedSlug = async (uid: string, documentId: string | undefined): Promise<string | undefined> => {
    const slug = strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]).attributes.slug as { pluginOptions?: { i18n?: { localized?: boolean } } };
    if (!documentId || slug.pluginOptions?.i18n?.localized !== false) return undefined;
    const other = (await strapi.db.query(uid).findOne({ select: ['slug'], where: { documentId, slug: { $notNull: true } } })) as { slug: string } | null;
    return other?.slug;
  };

  const fillSlug = async (uid: string, data: Data, locale: string | undefined, documentId: string | undefined): Promise<void> => {
    const source = SLUGGED_TYPES[uid];
    if (!isEmpty(data.slug)) return;
    const shared = await sharedSlug(uid, documentId);
    if (shared) {
      data.slug = shared;
      return;
    }
    if (isEmpty(data[source])) return;
    data.slug = await strapi.plugin('content-manager').service('uid').generateUIDField({ contentTypeUID: uid, field: 'slug', data, locale });
  };

  const stampFirstPublication = async (documentId: string, locale: string | undefined): Promise<void> => {
    await strapi.db.query(ARTICLE_UID).updateMany({
      where: { documentId, publicationDate: null, ...(locale ? { locale } : {}) },
      data: { publicationDate: new Date() },
    });
  };

  return async (context, next) => {
    const { uid, action } = context;
    if (!(uid in SLUGGED_TYPES)) return next();
    const params = context.params as { data?: Data; documentId?: string; locale?: unknown; status?: string };

    const locale = localeOf(params);
    const creating = action === 'create' || (action === 'update' && params.documentId !== undefined && (await isNewLocale(uid, params.documentId, locale)));

    if (creating && params.data) await fillSlug(uid, params.data, locale, params.documentId);

    if (uid === ARTICLE_UID && (action === 'publish' || params.status === 'published')) {
      if (creating && params.data) {
        if (isEmpty(params.data.publicationDate)) params.data.publicationDate = new Date();
      } else if (params.documentId) {
        await stampFirstPublication(params.documentId, locale);
      }
    }

    return next();
  };
};
