import type { Core } from '@strapi/strapi';
import { siteLocales } from '../i18n/site-locales';
import { readConfig } from '../config';
import type { PurgeHealth } from '../contracts/dashboard';
import { cacheKeys, headerOf, keysOfAnswer } from '../edge/cache-keys';
import { createPurgeStatus } from '../edge/purge-status';
import { createPurger, type Purger } from '../edge/purger';
import { EDGE_EVENTS } from '../edge/webhook-events';
import type { ListChanges } from '../jobs/related-indexer';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { chunked, IDS_PER_READ } from '../index-store/batches';
import { ARTICLE_UID } from '../uids';

/** A ranking list of one locale, as its answers and its event name it. */
export interface RankingRef {
  slug: string;
  locale: string;
}

/** Past the other instances' next look at the content version (`contentApi.cache.pollMs`). */
const SETTLE_MARGIN_MS = 250;

/**
 * Tells caches in front of the content API what changed: each answer's keys in a header, purge
 * requests for the keys a change touched, and Strapi webhook events for sites that rebuild pages
 * (`newsroom.related.updated`, `newsroom.ranking.updated`).
 *
 * A change is purged at once, and again once every instance has dropped its in-process answers
 * (a cache that refetched in between may have been served one of them); the webhook event is
 * sent then, so a site that refetches on it gets the new answer.
 */
const edge = ({ strapi }: { strapi: Core.Strapi }) => {
  let purger: Purger | undefined;
  const status = createPurgeStatus(() => strapi.db.connection);
  // The second purge of each change still to come, with its keys.
  const settling = new Map<NodeJS.Timeout, Set<string>>();
  // The webhook events being read and sent, in order.
  let sending = Promise.resolve();
  const settings = () => readConfig(strapi).edge;
  const warn = (message: string): void => {
    strapi.log.warn(message);
  };

  const afterSettling = (keys: Set<string>, task: () => void): void => {
    const timer = setTimeout(
      () => {
        settling.delete(timer);
        purger?.purge(keys);
        task();
      },
      readConfig(strapi).contentApi.cache.pollMs + SETTLE_MARGIN_MS,
    );
    timer.unref();
    settling.set(timer, keys);
  };

  const announce = (keys: Set<string>, event?: { name: string; payload: () => Promise<Record<string, unknown>> }): void => {
    if (keys.size === 0) return;
    purger?.purge(keys);
    afterSettling(keys, () => {
      if (!event) return;
      // One payload read at a time: a rebuild's many changes, read together, would hold every
      // article of the site in memory at once.
      sending = sending.then(async () => {
        try {
          await strapi.eventHub.emit(event.name, await event.payload());
        } catch (error) {
          warn(`[newsroom] ${event.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    });
  };

  /** An article's key, with its locale's overflow key (answers too large to list their articles). */
  const articleKeys = (keys: DocumentKey[]): Set<string> => new Set(keys.flatMap((key) => [cacheKeys.article(key), cacheKeys.overflow(key.locale)]));

  /** The slug of each article (its published version's, else any), for sites that key pages by slug. */
  const withSlugs = async (keys: DocumentKey[]): Promise<Array<DocumentKey & { slug: string | null }>> => {
    const slugs = new Map<string, string>();
    for (const locale of new Set(keys.map((key) => key.locale))) {
      // A rebuild's batch, or its stories, can name every article of the site.
      for (const ids of chunked(
        keys.filter((key) => key.locale === locale).map((key) => key.documentId),
        IDS_PER_READ,
      )) {
        const rows = (await strapi.db.query(ARTICLE_UID).findMany({
          select: ['documentId', 'slug', 'publishedAt'],
          where: { locale, documentId: { $in: ids } },
        })) as Array<{ documentId: string; slug: string | null; publishedAt: string | null }>;
        for (const row of rows) {
          const id = encodeKey({ documentId: row.documentId, locale });
          if (row.slug && (row.publishedAt !== null || !slugs.has(id))) slugs.set(id, row.slug);
        }
      }
    }
    return keys.map((key) => ({ ...key, slug: slugs.get(encodeKey(key)) ?? null }));
  };

  return {
    /** Its table only (a process that serves nothing sends no purge). */
    prepare: (): Promise<void> => status.ensure(),

    async start(): Promise<void> {
      await status.ensure();
      const { purge, keySeparator } = settings();
      purger = createPurger(purge, keySeparator, status, warn);
    },

    async stop(): Promise<void> {
      // The second purges go now, as the process will not be here later; their webhook events,
      // which would be read on a stopping instance, are not sent.
      for (const [timer, keys] of settling) {
        clearTimeout(timer);
        purger?.purge(keys);
      }
      settling.clear();
      await purger?.stop();
      purger = undefined;
    },

    /** The header an answer's keys travel in, and its value; null when no header is set. */
    header(payload: unknown, locale: string, extra: string[] = []): { name: string; value: string } | null {
      const { keysHeader, keySeparator, maxHeaderBytes } = settings();
      if (!keysHeader) return null;
      return { name: keysHeader, value: headerOf(keysOfAnswer(payload, locale, extra), locale, keySeparator, maxHeaderBytes) };
    },

    /** Published articles written: their pages, the cards that show them and the lists they are in. */
    articlesWritten(keys: DocumentKey[]): void {
      const all = articleKeys(keys);
      for (const key of keys) all.add(cacheKeys.lists(key.locale));
      announce(all);
    },

    /** Stored related lists or stories changed (a job, a rebuild batch): one event for all of them. */
    relatedChanged(changes: ListChanges): void {
      const articles = [...new Map(changes.articles.map(({ documentId, locale }) => [encodeKey({ documentId, locale }), { documentId, locale }])).values()];
      if (articles.length === 0 && changes.stories.length === 0) return;
      const keys = articleKeys(articles);
      for (const story of changes.stories) keys.add(cacheKeys.story(story.id, story.locale));
      announce(keys, {
        name: EDGE_EVENTS.relatedUpdated,
        payload: async () => ({ articles: await withSlugs(articles), stories: changes.stories, keys: [...keys] }),
      });
    },

    /** Stored rankings that now read differently. */
    rankingsChanged(rankings: RankingRef[]): void {
      if (rankings.length === 0) return;
      const keys = new Set(rankings.flatMap((ranking) => [cacheKeys.ranking(ranking.slug, ranking.locale), cacheKeys.rankings(ranking.locale)]));
      announce(keys, { name: EDGE_EVENTS.rankingUpdated, payload: async () => ({ rankings, keys: [...keys] }) });
    },

    /** Changes that reach answers broadly (sections, tags, locales, writes that bypassed the Document Service): every answer of these locales. */
    localesChanged(locales?: string[]): void {
      (locales ? Promise.resolve(locales) : siteLocales(strapi))
        .then((codes) => announce(new Set(codes.map(cacheKeys.locale))))
        .catch((error: unknown) => warn(`[newsroom] cache purge: ${error instanceof Error ? error.message : String(error)}`));
    },

    /** Purging as the Newsroom page shows it: the shared outcomes, and what waits on this instance. */
    async health(): Promise<PurgeHealth> {
      return { enabled: settings().purge.enabled, pending: purger?.pending() ?? 0, ...(await status.read()) };
    },
  };
};

export type EdgeService = ReturnType<typeof edge>;

export default edge;
