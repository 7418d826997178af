import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { defaultLocale as siteDefaultLocale } from '../i18n/site-locales';
import type { Knex } from 'knex';
import { readConfig } from '../config';
import { computeLists } from '../rankings/compute';
import { findList, findLists, forgetLocalesExcept, replaceLists, type ServedList } from '../rankings/list-store';
import { createRankingLock } from '../rankings/lock';
import { createRankingSources } from '../rankings/sources';
import { ensureRankingTables } from '../rankings/tables';
import { getService } from './access';

/** A burst of section saves (a tree reorganised) makes one recompute. */
const REFRESH_DELAY_MS = 200;
const RETRY_DELAY_MS = 1000;
const REFRESH_ATTEMPTS = 30;

/**
 * Automatic rankings: recomputed on a schedule (once per tick across instances), stored, and
 * served from the stored lists.
 */
const rankings = ({ strapi }: { strapi: Core.Strapi }) => {
  // Read again at each start: the settings page restarts the schedule with new values.
  let settings = readConfig(strapi).rankings;
  const db = (): Knex => strapi.db.connection;
  const now = (): number => getService(strapi, 'clock').now();
  const lock = createRankingLock(db, randomUUID());
  const sources = createRankingSources(strapi);
  const intervalMs = (): number => settings.schedule.intervalSeconds * 1000;
  const leaseMs = (): number => settings.leaseSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<unknown> = Promise.resolve();
  let defaultLocale = 'en';

  /** Runs `claim`, then the recompute if it was granted; one run at a time in this process. */
  const guarded = (claim: (time: number) => Promise<boolean>): Promise<boolean> => {
    const run = running
      .catch(() => undefined)
      .then(async () => {
        const time = now();
        if (!(await claim(time))) return false;
        try {
          // Read caches are cleared only when a list shows something else: most ticks change nothing.
          const changed = await replaceLists(db(), await computeLists(sources, db(), time, settings.trending), time);
          if (changed.length > 0) {
            void strapi.eventHub.emit('newsroom.rankings.replaced', { time });
            getService(strapi, 'edge').rankingsChanged(changed);
          }
        } finally {
          await lock.release();
        }
        return true;
      });
    running = run;
    return run;
  };

  /** The scheduled recompute: false when another instance already ran this tick or holds the lock. */
  const runScheduledTick = (): Promise<boolean> => guarded((time) => lock.claimTick(Math.floor(time / intervalMs()), time, leaseMs()));

  const recomputeNow = (): Promise<boolean> => guarded((time) => lock.claim(time, leaseMs()));

  /**
   * A recompute shortly after a section or ranking changed, instead of at the next tick: retried
   * every second while another run holds the lock (it may have read the old names).
   */
  const refreshSoon = (attempt = 0): void => {
    if (!started || soon) return;
    soon = setTimeout(
      () => {
        soon = undefined;
        recomputeNow()
          .then((done) => {
            if (!done && attempt < REFRESH_ATTEMPTS) refreshSoon(attempt + 1);
          })
          .catch((error: unknown) => strapi.log.warn(`[newsroom] rankings refresh: ${error instanceof Error ? error.message : String(error)}`));
      },
      attempt === 0 ? REFRESH_DELAY_MS : RETRY_DELAY_MS,
    );
    soon.unref();
  };

  const prepare = async (): Promise<void> => {
    await ensureRankingTables(db());
    await lock.ensure();
  };

  return {
    /** Its tables only, for a process without background work. */
    prepare,

    async start(): Promise<void> {
      settings = readConfig(strapi).rankings;
      await prepare();
      defaultLocale = await siteDefaultLocale(strapi);
      started = true;
      if (!settings.schedule.enabled) return;
      const tick = () =>
        runScheduledTick().catch((error: unknown) =>
          strapi.log.error(`[newsroom] rankings recompute: ${error instanceof Error ? error.message : String(error)}`),
        );
      await tick();
      timer = setInterval(() => void tick(), intervalMs());
      timer.unref();
    },

    async stop(): Promise<void> {
      started = false;
      clearInterval(timer);
      clearTimeout(soon);
      soon = undefined;
      await running.catch(() => undefined);
    },

    runScheduledTick,

    /** Recomputes outside the schedule; false when another run holds the lock. */
    recomputeNow,

    refreshSoon: (): void => refreshSoon(),

    /** Drops the stored lists of locales the site no longer has (a deleted locale). */
    forgetLocalesExcept: (kept: string[]): Promise<void> => forgetLocalesExcept(db(), kept),

    /** A ranking's stored list by slug, in the given locale or the default one. */
    find: (slug: string, locale?: string): Promise<ServedList | null> => findList(db(), slug, locale ?? defaultLocale),

    /** Every stored list of a locale. */
    findAll: (locale: string): Promise<ServedList[]> => findLists(db(), locale),
  };
};

export type RankingsService = ReturnType<typeof rankings>;

export default rankings;
