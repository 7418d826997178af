import type { Core } from '@strapi/strapi';
import { createTaxonomyReads } from '../index-store/taxonomy';
import { pluginServices } from '../services/access';
import { SECTION_UID } from '../uids';
import { subscribeLocaleRemoval } from './locale-removal';
import { subscribeQueryEngineFallback } from './query-engine-fallback';

const subscriptions = new WeakMap<Core.Strapi, Array<() => void>>();

/**
 * The database-lifecycle side of the plugin (bootstrap): Query Engine writes to its types, and
 * deleted locales. Everything they start runs after the write's commit.
 */
export const subscribeDatabaseHooks = (strapi: Core.Strapi): void => {
  const services = pluginServices(strapi);
  const fallback = subscribeQueryEngineFallback(strapi, createTaxonomyReads(strapi), {
    enqueue: (trx, keys) => services.related().enqueue(trx, keys),
    // Which locales and versions such a write touched is not known here: every answer is purged.
    articlesChanged(documentIds) {
      void services.counters().refreshPublished(documentIds);
      services.reader().invalidate();
      services.edge().localesChanged();
      services.related().wake();
    },
    taxonomyChanged(uid) {
      services.reader().invalidate();
      services.edge().localesChanged();
      services.related().wake();
      if (uid === SECTION_UID) services.rankings().refreshSoon();
    },
    rankingsChanged() {
      services.reader().invalidate();
      services.rankings().refreshSoon();
    },
  });
  const locales = subscribeLocaleRemoval(strapi, async () => {
    const kept = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
    await services.counters().forgetLocalesExcept(kept);
    await services.rankings().forgetLocalesExcept(kept);
    services.reader().invalidate();
    // The removed locale's answers are purged by the consistency check, which knows which it was.
    services.related().checkSoon();
  });
  subscriptions.set(strapi, [fallback, locales]);
};

export const unsubscribeDatabaseHooks = (strapi: Core.Strapi): void => {
  for (const unsubscribe of subscriptions.get(strapi) ?? []) unsubscribe();
  subscriptions.delete(strapi);
};
