import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import type { RebuildStatus, RelatedHealth } from '../contracts/dashboard';
import { createArticleSource } from '../index-store/article-source';
import { changeStore } from '../index-store/changes';
import { linkStore, type StoredLink } from '../index-store/links';
import { storyStore } from '../index-store/stories';
import { profileStore } from '../index-store/profiles';
import { ensureTables } from '../index-store/tables';
import { createConsistencyCheck, type ConsistencyCheck } from '../jobs/consistency-check';
import { createRelatedIndexer, type RelatedIndexer } from '../jobs/related-indexer';
import type { EngineStats } from '../related';
import { createJobQueue } from '../jobs/queue';
import { createRebuild, type Rebuild } from '../jobs/rebuild';
import { createWorker, type WorkGate, type Worker } from '../jobs/worker';
import { createWriterLock } from '../jobs/writer-lock';
import { readConfig } from '../config';
import { siteLocales } from '../i18n/site-locales';
import { getService } from './access';

const HOUR_MS = 3_600_000;
const CHANGES_KEPT_MS = 24 * HOUR_MS;

interface Runtime {
  indexer: RelatedIndexer;
  worker: Worker;
  rebuild: Rebuild;
  check: ConsistencyCheck;
}

/**
 * The related-links side of the plugin for the rest of Strapi: start-up (tables, in-memory
 * index, reconciliation, worker), the enqueue used by the save middleware, and the reads,
 * health and rebuild used by the admin and the content API.
 */
const related = ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = randomUUID();
  const db = (): Knex => strapi.db.connection;
  // Related settings are read at each start: the settings page restarts this runtime.
  const { jobs } = readConfig(strapi);
  const queue = createJobQueue(owner, { maxAttempts: jobs.maxAttempts, baseDelayMs: jobs.retryBaseMs, maxDelayMs: jobs.retryMaxMs });
  let runtime: Runtime | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let pendingWake: Promise<void> | undefined;
  let cancelWake: () => void = () => {};

  const ready = (): Runtime => {
    if (!runtime) throw new Error('[newsroom] related links are not started yet');
    return runtime;
  };

  const source = createArticleSource(strapi);

  const start = async (): Promise<void> => {
    await ensureTables(db());
    const edge = () => getService(strapi, 'edge');
    const indexer = createRelatedIndexer(
      db,
      source,
      readConfig(strapi).related,
      owner,
      (timings) => void strapi.eventHub.emit('newsroom.related.recomputed', timings),
      (changes) => edge().relatedChanged(changes),
    );
    await indexer.load();
    const rebuild = createRebuild(db, indexer, owner, {
      batchSize: jobs.rebuildBatchSize,
      leaseMs: jobs.leaseMs,
      refresh: { afterIdleMs: jobs.refreshAfterIdleSeconds * 1000, minIntervalMs: jobs.refreshMinIntervalSeconds * 1000 },
    });
    const lock = createWriterLock(db, owner, jobs.leaseMs);
    await lock.ensure();
    let prunedAt = 0;
    const gate: WorkGate = {
      async enter() {
        if (!(await lock.hold())) return false;
        await indexer.sync();
        // An instance that fell further behind than the feed keeps reloads everything instead.
        if (Date.now() - prunedAt > HOUR_MS) {
          prunedAt = Date.now();
          await changeStore.prune(db(), prunedAt - CHANGES_KEPT_MS);
        }
        return true;
      },
      keep: () => lock.hold(),
      leave: () => lock.release(),
    };
    // Past a few percent of the site, one batched rebuild is cheaper than a job per article.
    const requeue = async (keys: DocumentKey[], retryFailed: boolean): Promise<void> => {
      if (keys.length > Math.max(1000, 0.05 * (await indexer.countPublished()))) await rebuild.start();
      else await queue.enqueue(db(), retryFailed ? keys : await queue.withoutFailed(db(), keys));
    };
    const check = createConsistencyCheck(
      {
        siteLocales: () => siteLocales(strapi),
        indexedLocales: () => indexer.indexedLocales(),
        async purgeLocales(locales) {
          await indexer.purgeLocales(locales);
          edge().localesChanged(locales);
        },
        rebuilding: async () => (await rebuild.status())?.status === 'running',
        fingerprints: () => indexer.fingerprints(),
        openJobs: async () => {
          const { pending, running } = await queue.counts(db());
          return pending + running;
        },
        reconcile: () => indexer.reconcile(),
        // Changed without Strapi's hooks: what else they changed (cards, lists, sections) is not known.
        async requeue(keys) {
          await requeue(keys, false);
          edge().localesChanged([...new Set(keys.map((key) => key.locale))]);
        },
      },
      jobs.checkIntervalSeconds * 1000,
    );
    const worker = createWorker(db, queue, async (job) => void (await indexer.recompute(job)), jobs, strapi.log, [rebuild.step, check.step], gate);
    runtime = { indexer, worker, rebuild, check };
    // Whatever changed while no worker ran (a crash, an import, rows written straight into the
    // tables) is queued again; a job whose article's content did not change only moves its stamp.
    // Two one-row aggregates say whether there is anything to look for.
    if (await indexer.mayBeStale()) await requeue(await indexer.reconcile(), true);
    if (jobs.runWorker) worker.start();
  };

  const wake = (): void => {
    if (!runtime || !jobs.runWorker || pendingWake) return;
    pendingWake = new Promise<void>((resolve) => {
      wakeTimer = setTimeout(() => {
        pendingWake = undefined;
        void runtime?.worker.wake();
        resolve();
      }, jobs.wakeDelayMs);
      cancelWake = resolve;
    });
  };

  return {
    /** Its tables only: a process without background work still queues what it changes. */
    prepare: (): Promise<void> => ensureTables(db()),

    start,

    /** New settings: the old worker stops, reads keep the old index until the new one is loaded. */
    async restart(): Promise<void> {
      await runtime?.worker.stop();
      await runtime?.indexer.close();
      await start();
    },

    async stop(): Promise<void> {
      clearTimeout(wakeTimer);
      cancelWake();
      pendingWake = undefined;
      await runtime?.worker.stop();
      await runtime?.indexer.close();
      runtime = undefined;
    },

    /**
     * Looks for changes made behind Strapi's hooks (and deleted locales) at the worker's next
     * pass rather than at the next interval: after a locale is deleted here.
     */
    checkSoon(): void {
      runtime?.check.request();
      wake();
    },

    /** Called by the save middleware inside the save's transaction. */
    enqueue: (trx: Knex.Transaction, keys: DocumentKey[]) => queue.enqueue(trx, keys),

    /** After a save commits: run its job shortly, once Strapi's own after-save work is done. */
    wake,

    /** Runs every job that is due now, to the end (tests, benchmarks, "recompute now"). */
    async settle(): Promise<void> {
      await pendingWake;
      await ready().worker.wake();
      await ready().worker.idle();
    },

    async recomputeNow(key: DocumentKey): Promise<void> {
      const { indexer, worker } = ready();
      await worker.exclusive(() => indexer.recompute(key, true));
    },

    getList: (key: DocumentKey): Promise<StoredLink[]> => linkStore.find(db(), key),

    /** The stored story of an article: its name and its members (itself alone when it has none). */
    storyOf: (key: DocumentKey): Promise<{ story: string; members: string[] }> => storyStore.membersOf(db(), key),

    /** The list a draft would get once published, computed without indexing it; null without a draft. */
    async preview(key: DocumentKey): Promise<StoredLink[] | null> {
      const draft = await source.findDraft(key);
      return draft ? ready().indexer.preview(draft) : null;
    },

    startRebuild: async (): Promise<RebuildStatus> => {
      const status = await ready().rebuild.start();
      if (jobs.runWorker) void ready().worker.wake();
      return status;
    },

    rebuildStatus: (): Promise<RebuildStatus | null> => ready().rebuild.status(),

    /** Sizes of this instance's in-memory index (its documents, distinct terms and postings), for diagnostics and benchmarks. */
    engineStats: (): EngineStats => ready().indexer.engineStats(),

    async health(): Promise<RelatedHealth> {
      const { lists } = await linkStore.count(db());
      return {
        indexed: await profileStore.count(db()),
        lists,
        jobs: await queue.counts(db()),
        lastRebuild: await ready().rebuild.status(),
      };
    },
  };
};

export type RelatedService = ReturnType<typeof related>;

export default related;
