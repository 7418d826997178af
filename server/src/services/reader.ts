import type { Core } from '@strapi/strapi';
import { defaultLocale as siteDefaultLocale } from '../i18n/site-locales';
import { readConfig } from '../config';
import { cacheKeys } from '../edge/cache-keys';
import { createAnswerCache } from '../reader/answer-cache';
import { createAssembler, type ListRequest, type RecommendationRequest, type RelatedFill } from '../reader/assemble';
import { cacheableAnswer, type CacheableAnswer } from '../reader/cacheable-answer';
import { createContentVersion } from '../reader/content-version';
import { createSharedInvalidation } from '../reader/shared-invalidation';
import { getService } from './access';

/** Events after which any cached answer may be out of date (emitted after their commit). */
export const INVALIDATING_EVENTS = ['newsroom.related.recomputed', 'newsroom.rankings.replaced'];

/**
 * The read side of the content API: each answer assembled from precomputed data, serialized
 * once and kept in an in-process cache keyed by endpoint, slug, locale and parameters. Any save
 * of an article, section, ranking or tag (after its commit), any related recompute and any
 * rankings swap on this instance clear it at once; on other instances within
 * `contentApi.cache.pollMs`, through the shared content version.
 */
const reader = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = readConfig(strapi).contentApi;
  const assembler = createAssembler(strapi, settings);
  const cache = createAnswerCache<CacheableAnswer>({ ttlMs: settings.cache.ttlSeconds * 1000, maxEntries: settings.cache.maxEntries });
  const unsubscribe: Array<() => void> = [];
  let defaultLocale = 'en';

  const edge = () => getService(strapi, 'edge');

  /**
   * The answer of `key` in `locale`, built by `build` on a miss; null (not found) is never cached.
   * Its cache keys are read off what it shows, with `extra` for what it draws on without showing.
   */
  const answer = async (key: unknown[], locale: string, build: () => Promise<unknown>, extra: string[] = []): Promise<CacheableAnswer | null> => {
    const make = async (): Promise<CacheableAnswer | null> => {
      const payload = await build();
      return payload === null ? null : cacheableAnswer(payload, edge().header(payload, locale, extra));
    };
    return settings.cache.enabled ? cache.through(JSON.stringify(key), make) : make();
  };
  const clear = (): void => {
    cache.clear();
    assembler.clear();
  };
  const version = createContentVersion(() => strapi.db.connection);
  const shared = createSharedInvalidation(version, clear, settings.cache.pollMs, (message) => strapi.log.warn(message));
  const wrap = (data: unknown, meta: Record<string, unknown> = {}) => (data === null ? null : { data, meta });

  return {
    /** Its table only (a process that serves nothing still tells the servers what it changed). */
    prepare: (): Promise<void> => version.ensure(),

    async start(): Promise<void> {
      defaultLocale = await siteDefaultLocale(strapi);
      await shared.start();
      for (const event of INVALIDATING_EVENTS) unsubscribe.push(strapi.eventHub.on(event, async () => shared.changed()));
    },

    async stop(): Promise<void> {
      for (const off of unsubscribe.splice(0)) off();
      await shared.stop();
    },

    /** Called after a save has committed (the Document Service middleware). */
    invalidate: (): void => shared.changed(),

    /** The locale a request reads: its own, or the site's default. */
    localeOf: (locale: string | undefined): string => locale ?? defaultLocale,

    sections: (locale: string) => answer(['sections', locale], locale, async () => wrap(await assembler.sections(locale))),

    section: (slug: string, locale: string, page: number, pageSize: number) =>
      answer(['section', slug, locale, page, pageSize], locale, () => assembler.section(slug, locale, page, pageSize)),

    articles: (request: ListRequest) =>
      answer(['articles', request.locale, request.section, request.tag, request.sort, request.page, request.pageSize], request.locale, () =>
        assembler.articles(request),
      ),

    article: (slug: string, locale: string) =>
      answer(['article', slug, locale], locale, async () => {
        const bundle = await assembler.findBundle(slug, locale);
        return bundle && wrap({ ...bundle.article, breadcrumb: bundle.breadcrumb, related: bundle.related });
      }),

    // Its recommendations draw on the latest articles and every ranking of the locale.
    page: (slug: string, locale: string, fill?: RelatedFill) =>
      answer(
        ['page', slug, locale, fill ?? ''],
        locale,
        async () => wrap(await assembler.page(slug, locale, fill ? { with: fill, size: readConfig(strapi).related.listSize } : undefined)),
        [cacheKeys.lists(locale), cacheKeys.rankings(locale)],
      ),

    story: (slug: string, locale: string) => answer(['story', slug, locale], locale, async () => wrap(await assembler.story(slug, locale))),

    // Also the related lists of the article and of those the reader has seen.
    recommendations: (request: RecommendationRequest) => {
      const { locale } = request;
      const extra = [cacheKeys.lists(locale), cacheKeys.rankings(locale), ...request.seen.map((documentId) => cacheKeys.article({ documentId, locale }))];
      return answer(
        ['recommendations', request.article, locale, request.limit, ...request.seen],
        locale,
        async () => {
          const found = await assembler.recommendations(request);
          if (found) extra.push(cacheKeys.article({ documentId: found.subject, locale }));
          return wrap(found?.list ?? null);
        },
        extra,
      );
    },

    /** The default number of recommendations. */
    recommendationLimit: settings.recommendations,
    maxAgeSeconds: settings.maxAgeSeconds,
  };
};

export type ReaderService = ReturnType<typeof reader>;

export default reader;
