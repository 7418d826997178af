import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import type { InstanceRole, RebuildStatus, RelatedHealth } from '../contracts/dashboard';
import { retryOnLockConflict } from '../database/dialect';
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
import { createRebuild } from '../jobs/rebuild';
import { createRebuildRecords } from '../jobs/rebuild-records';
import { awaitsRebuild, relatedJobRun } from '../jobs/related-job';
import { createWorker, type WorkGate, type Worker } from '../jobs/worker';
import { IndexRebuildingError, WorkerOnlyError } from '../jobs/worker-only';
import { createWriterLock } from '../jobs/writer-lock';
import { readConfig } from '../config';
import { siteLocales } from '../i18n/site-locales';
import { getService } from './access';

const HOUR_MS = 3_600_000;
const CHANGES_KEPT_MS = 24 * HOUR_MS;

interface Runtime {
  indexer: RelatedIndexer;
  worker: Worker;
  check: ConsistencyCheck;
}

/** How "recompute now" went: computed here, or queued (see `RelatedPanelData.queued`). */
export type RecomputeOutcome = 'done' | { queued: 'worker' | 'rebuild' };

/**
 * The related-links side of the plugin for the rest of Strapi: start-up (tables, in-memory
 * index, reconciliation, worker), the enqueue used by the save middleware, and the reads,
 * health and rebuild used by the admin and the content API.
 * An instance with `jobs.runWorker: false` only serves: it builds no index and runs no worker,
 * reads stored lists like any other, and hands what needs the index to the worker instance
 * through the database (jobs, a rebuild's row); a draft's preview it cannot hand over.
 */
const related = ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = randomUUID();
  const db = (): Knex => strapi.db.connection;
  // Related settings are read at each start: the settings page restarts this runtime.
  const { jobs } = readConfig(strapi);
  const queue = createJobQueue(owner, { maxAttempts: jobs.maxAttempts, baseDelayMs: jobs.retryBaseMs, maxDelayMs: jobs.retryMaxMs });
  // Fixed for the process: the settings page does not edit `jobs`.
  const role: InstanceRole = jobs.runWorker ? 'worker' : 'serving';
  let runtime: Runtime | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let pendingWake: Promise<void> | undefined;
  let cancelWake: () => void = () => {};

  const ready = (): Runtime => {
    if (!runtime) throw new Error('[newsroom] related links are not started yet');
    return runtime;
  };

  const source = createArticleSource(strapi);
  // Recording a rebuild reads the database only: a serving-only instance records it for the worker.
  const records = createRebuildRecords(
    db,
    { countPublished: () => source.countPublished(), latestChange: () => changeStore.latest(db()) },
    () => readConfig(strapi).related,
  );

  const start = async (): Promise<void> => {
    await ensureTables(db());
    if (role === 'serving') {
      strapi.log.info('[newsroom] this instance only serves (jobs.runWorker: false): no related index, no worker');
      return;
    }
    const edge = () => getService(strapi, 'edge');
    const { related: settings, settingsPollMs } = readConfig(strapi);
    const indexer = createRelatedIndexer(
      db,
      source,
      settings,
      owner,
      (timings) => void strapi.eventHub.emit('newsroom.related.recomputed', timings),
      (changes) => edge().relatedChanged(changes),
    );
    await indexer.load();
    // Loaded without its vectors and no rebuild left to resume (it failed): a refresh recomputes them on both cores.
    if (indexer.fullPassDue() && (await records.status())?.status !== 'running') {
      strapi.log.info('[newsroom] the stored related profiles have no vectors (a rebuild stopped midway): a refresh recomputes them');
      await records.start('refresh');
    }
    const rebuild = createRebuild(db, indexer, owner, {
      batchSize: jobs.rebuildBatchSize,
      leaseMs: jobs.leaseMs,
      refresh: { afterIdleMs: jobs.refreshAfterIdleSeconds * 1000, minIntervalMs: jobs.refreshMinIntervalSeconds * 1000 },
      settings,
      // Instances follow a settings save within `settingsPollMs`; past this, one on other settings goes ahead.
      settingsWaitMs: Math.max(10_000, 5 * settingsPollMs),
      log: strapi.log,
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
        openJobs: () => queue.hasOpen(db()),
        reconcile: () => indexer.reconcile(),
        // Changed without Strapi's hooks: what else they changed (cards, lists, sections) is not known.
        async requeue(keys) {
          await requeue(keys, false);
          edge().localesChanged([...new Set(keys.map((key) => key.locale))]);
        },
      },
      jobs.checkIntervalSeconds * 1000,
    );
    const worker = createWorker(db, queue, relatedJobRun(indexer, records.status), jobs, strapi.log, [rebuild.step, check.step], gate);
    runtime = { indexer, worker, check };
    // Whatever changed while no worker ran (a crash, an import, rows written straight into the
    // tables) is queued again; a job whose article's content did not change only moves its stamp.
    // Two one-row aggregates say whether there is anything to look for.
    if (await indexer.mayBeStale()) await requeue(await indexer.reconcile(), true);
    worker.start();
  };

  const wake = (): void => {
    if (!runtime || pendingWake) return;
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

    /** Runs every job that is due now, to the end (tests, benchmarks); nothing runs on a serving-only instance. */
    async settle(): Promise<void> {
      if (role === 'serving') return;
      await pendingWake;
      await ready().worker.wake();
      await ready().worker.idle();
    },

    /** Recomputes the list here, or queues a forced job: for the worker instance on a serving-only one, for after the running rebuild's reprofile when it comes first (`awaitsRebuild`). */
    async recomputeNow(key: DocumentKey): Promise<RecomputeOutcome> {
      if (role === 'serving') {
        await queue.enqueue(db(), [key], Date.now(), true);
        return { queued: 'worker' };
      }
      const { indexer, worker } = ready();
      return worker.exclusive(async (): Promise<RecomputeOutcome> => {
        if (await awaitsRebuild(indexer, records.status)) {
          await queue.enqueue(db(), [key], Date.now(), true);
          return { queued: 'rebuild' };
        }
        // An editor's click, not a queued job that runs again later: a lock conflict is retried here.
        await retryOnLockConflict(() => indexer.recompute(key, true));
        return 'done';
      });
    },

    getList: (key: DocumentKey): Promise<StoredLink[]> => linkStore.find(db(), key),

    /** The stored story of an article: its name and its members (itself alone when it has none). */
    storyOf: (key: DocumentKey): Promise<{ story: string; members: string[] }> => storyStore.membersOf(db(), key),

    /** The list a draft would get once published, computed without indexing it; null without a draft. */
    async preview(key: DocumentKey): Promise<StoredLink[] | null> {
      const draft = await source.findDraft(key);
      if (!draft) return null;
      // A list for content no table holds: only the index can compute it, and it must answer now.
      if (role === 'serving') {
        throw new WorkerOnlyError(
          'Previews are computed by the worker instance; this instance only serves. Open the article on the worker instance to preview its related links.',
        );
      }
      const running = (await records.status())?.status === 'running';
      // Checked with the preview in one turn: no rebuild batch can come between.
      const { indexer } = ready();
      if (running && indexer.fullPassDue()) {
        throw new IndexRebuildingError(
          'A full rebuild is re-reading every article: previews are back once it has recomputed every profile (on the instance running it, from its lists phase; on the others, by its end at the latest). The Newsroom page shows its progress.',
        );
      }
      return indexer.preview(draft);
    },

    /** Records a full rebuild (or returns the running one); the worker instance runs it. */
    startRebuild: async (): Promise<RebuildStatus> => {
      const status = await records.start();
      if (runtime) void runtime.worker.wake();
      return status;
    },

    rebuildStatus: (): Promise<RebuildStatus | null> => records.status(),

    /** Sizes of this instance's in-memory index (its documents, distinct terms and postings), for diagnostics and benchmarks. */
    engineStats: (): EngineStats => ready().indexer.engineStats(),

    async health(): Promise<RelatedHealth> {
      return {
        role,
        index: runtime ? 'memory' : 'none',
        indexed: await profileStore.count(db()),
        lists: await linkStore.countLists(db()),
        jobs: await queue.counts(db()),
        lastRebuild: await records.status(),
      };
    },
  };
};

export type RelatedService = ReturnType<typeof related>;

export default related;
