import type { Core } from '@strapi/strapi';
import { siteLocales } from '../i18n/site-locales';
import { createTaxonomyReads } from '../index-store/taxonomy';
import { getService } from '../services/access';
import { SECTION_UID } from '../uids';
import { subscribeLocaleRemoval } from './locale-removal';
import { subscribeQueryEngineFallback } from './query-engine-fallback';

const subscriptions = new WeakMap<Core.Strapi, Array<() => void>>();

/**
 * The database-lifecycle side of the plugin (bootstrap): Query Engine writes to its types, and
 * deleted locales. Everything they start runs after the write's commit.
 */
export const subscribeDatabaseHooks = (strapi: Core.Strapi): void => {
  const fallback = subscribeQueryEngineFallback(strapi, createTaxonomyReads(strapi), {
    enqueue: (trx, keys) => getService(strapi, 'related').enqueue(trx, keys),
    // Which locales and versions such a write touched is not known here: every answer is purged.
    articlesChanged(documentIds) {
      void getService(strapi, 'counters').refreshPublished(documentIds);
      getService(strapi, 'reader').invalidate();
      getService(strapi, 'edge').localesChanged();
      getService(strapi, 'related').wake();
    },
    taxonomyChanged(uid) {
      getService(strapi, 'reader').invalidate();
      getService(strapi, 'edge').localesChanged();
      getService(strapi, 'related').wake();
      if (uid === SECTION_UID) getService(strapi, 'rankings').refreshSoon();
    },
    rankingsChanged() {
      getService(strapi, 'reader').invalidate();
      getService(strapi, 'rankings').refreshSoon();
    },
  });
  const locales = subscribeLocaleRemoval(strapi, async () => {
    const kept = await siteLocales(strapi);
    await getService(strapi, 'counters').forgetLocalesExcept(kept);
    await getService(strapi, 'rankings').forgetLocalesExcept(kept);
    getService(strapi, 'reader').invalidate();
    // The removed locale's answers are purged by the consistency check, which knows which it was.
    getService(strapi, 'related').checkSoon();
  });
  subscriptions.set(strapi, [fallback, locales]);
};

export const unsubscribeDatabaseHooks = (strapi: Core.Strapi): void => {
  for (const unsubscribe of subscriptions.get(strapi) ?? []) unsubscribe();
  subscriptions.delete(strapi);
};
