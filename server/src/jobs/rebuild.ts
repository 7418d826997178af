import type { Knex } from 'knex';
import { isLockConflict } from '../database/dialect';
import { TABLES } from '../index-store/tables';
import type { RelatedSettings } from '../related';
import { createRebuildRecords, hashSettings, toStatus, type RebuildCounts, type RebuildRow } from './rebuild-records';
import { refreshDue, type RefreshSettings } from './refresh';
import type { TickTask, WorkerLog } from './worker';

/** Lock conflicts in a row after which a rebuild stops as failed: past this, one is not passing. */
const LOCK_CONFLICTS_TOLERATED = 5;

/** What a rebuild asks of the indexer, a batch at a time. */
export interface RebuildSteps extends RebuildCounts {
  /** Re-analyses the next published articles after the cursor; returns the new cursor, or null at the end. */
  indexAfter(cursor: string | null, size: number): Promise<{ cursor: string | null; count: number }>;
  /** Forgets articles that the index phase did not see again (unpublished or deleted meanwhile). */
  dropStale(startedAt: number): Promise<void>;
  /**
   * Recomputes and stores the next lists after the cursor; returns the new cursor, or null at the
   * end. Every profile is recomputed first, once per rebuild and instance, in steps between which
   * `renew` keeps the leases: when it answers false, the batch stops with nothing done (null).
   */
  relistAfter(cursor: string | null, size: number, rebuildId: number, renew: () => Promise<boolean>): Promise<{ cursor: string | null; count: number } | null>;
  /** Puts back what the lists phase suspends (so that saves do not run slow until the next rebuild). */
  restoreAfterFailure(): Promise<void>;
  /** The latest change a save's job stored, if the feed still holds one. */
  latestJobChange(): Promise<{ id: number; createdAt: number } | null>;
}

/**
 * A full rebuild as a resumable background task: its state (phase, cursor, progress) lives in
 * a table, each batch is claimed under a lease, so a crash resumes from the last batch and two
 * instances never work on it at once.
 */
export const createRebuild = (
  db: () => Knex,
  steps: RebuildSteps,
  owner: string,
  options: {
    batchSize: number;
    leaseMs: number;
    refresh: RefreshSettings;
    /** The related settings this instance's index runs. */
    settings: RelatedSettings;
    /** How long a rebuild asked under other settings waits for this instance to follow them. */
    settingsWaitMs: number;
    log: WorkerLog;
  },
) => {
  const { latest, start, status } = createRebuildRecords(db, steps, () => options.settings);
  const settingsHash = hashSettings(options.settings);
  let lockConflicts = 0;

  /** Asked under settings this instance does not run yet: another instance, or this one once it follows them, runs it. */
  const waitsForSettings = (row: RebuildRow, now: number): boolean =>
    row.settings_hash !== null && row.settings_hash !== settingsHash && now - Number(row.started_at) < options.settingsWaitMs;

  const claim = async (id: number, now: number): Promise<boolean> =>
    (await db()(TABLES.rebuilds)
      .where({ id, status: 'running' })
      .andWhere((query) => query.whereNull('lease_until').orWhere('lease_until', '<', now).orWhere('lease_owner', owner))
      .update({ lease_owner: owner, lease_until: now + options.leaseMs })) > 0;

  /** Extends this instance's right to work and its lease on the rebuild, now and then. */
  const renewer = (id: number, keep: () => Promise<boolean>) => {
    let renewedAt = Date.now();
    return async (): Promise<boolean> => {
      if (Date.now() - renewedAt < options.leaseMs / 4) return true;
      renewedAt = Date.now();
      return (await keep()) && (await claim(id, renewedAt));
    };
  };

  /** With no rebuild running: starts a refresh if the lists may have drifted and saves paused. */
  const refreshIfDue = async (row: RebuildRow | undefined): Promise<boolean> => {
    // Off: not even the feed is read.
    if (options.refresh.afterIdleMs <= 0) return false;
    const lastRun = row ? { status: toStatus(row), listsFromChange: row.lists_from_change === null ? null : Number(row.lists_from_change) } : null;
    if (!refreshDue({ lastJobChange: await steps.latestJobChange(), lastRun }, options.refresh, Date.now())) return false;
    await start('refresh');
    return true;
  };

  /** One batch of the running rebuild (or the start of a due refresh); true while there is more to do. */
  const step: TickTask = async (keep) => {
    const row = await latest();
    if (!row || row.status !== 'running') return refreshIfDue(row);
    const now = Date.now();
    if (waitsForSettings(row, now) || !(await claim(row.id, now))) return false;
    try {
      if (row.phase === 'index') {
        const { cursor, count } = await steps.indexAfter(row.cursor, options.batchSize);
        if (cursor === null) {
          await steps.dropStale(Number(row.started_at));
          await db()(TABLES.rebuilds)
            .where({ id: row.id })
            .update({ phase: 'lists', cursor: null, done: Number(row.done) + count, lists_from_change: await steps.latestChange() });
        } else {
          await db()(TABLES.rebuilds)
            .where({ id: row.id })
            .update({ cursor, done: Number(row.done) + count });
        }
      } else {
        const batch = await steps.relistAfter(row.cursor, options.batchSize, Number(row.id), renewer(Number(row.id), keep));
        // A lease lost meanwhile: whoever holds it now goes on.
        if (batch === null) return false;
        const { cursor, count } = batch;
        await db()(TABLES.rebuilds)
          .where({ id: row.id })
          .update(
            cursor === null
              ? { phase: 'finished', status: 'done', cursor: null, done: row.total, finished_at: Date.now(), lease_owner: null, lease_until: null }
              : { cursor, done: Number(row.done) + count },
          );
      }
      lockConflicts = 0;
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The batch's transaction was undone and its cursor kept: the next pass runs it again.
      if (isLockConflict(error) && (lockConflicts += 1) <= LOCK_CONFLICTS_TOLERATED) {
        options.log.warn(`[newsroom] rebuild ${row.id}: a batch met a lock conflict and runs again at the next pass: ${message.slice(0, 200)}`);
        return false;
      }
      lockConflicts = 0;
      await db()(TABLES.rebuilds)
        .where({ id: row.id })
        .update({ status: 'failed', error: message.slice(0, 2000), finished_at: Date.now(), lease_owner: null, lease_until: null });
      // The rebuild's own error is the one to report; what could not be restored is restored by the next start-up.
      await steps.restoreAfterFailure().catch(() => undefined);
      throw error;
    }
  };

  return { start, status, step };
};

export type Rebuild = ReturnType<typeof createRebuild>;
