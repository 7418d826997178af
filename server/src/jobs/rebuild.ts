import type { Knex } from 'knex';
import { TABLES } from '../index-store/tables';
import type { TickTask } from './worker';

export interface RebuildStatus {
  id: number;
  status: 'running' | 'done' | 'failed';
  phase: 'index' | 'lists' | 'finished';
  total: number;
  done: number;
  progress: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** What a rebuild asks of the indexer, a batch at a time. */
export interface RebuildSteps {
  countPublished(): Promise<number>;
  /** Re-analyses the next published articles after the cursor; returns the new cursor, or null at the end. */
  indexAfter(cursor: string | null, size: number): Promise<{ cursor: string | null; count: number }>;
  /** Forgets articles that the index phase did not see again (unpublished or deleted meanwhile). */
  dropStale(startedAt: number): Promise<void>;
  /** Recomputes and stores the next lists after the cursor; returns the new cursor, or null at the end. */
  relistAfter(cursor: string | null, size: number): Promise<{ cursor: string | null; count: number }>;
}

interface RebuildRow {
  id: number;
  status: RebuildStatus['status'];
  phase: RebuildStatus['phase'];
  total: number;
  done: number;
  cursor: string | null;
  error: string | null;
  started_at: number | string;
  finished_at: number | string | null;
}

const toStatus = (row: RebuildRow): RebuildStatus => {
  const total = Number(row.total);
  const done = Math.min(Number(row.done), total);
  return {
    id: Number(row.id),
    status: row.status,
    phase: row.phase,
    total,
    done,
    progress: row.status === 'done' ? 1 : total === 0 ? 0 : done / total,
    startedAt: new Date(Number(row.started_at)).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
    error: row.error,
  };
};

/**
 * A full rebuild as a resumable background task: its state (phase, cursor, progress) lives in
 * a table, each batch is claimed under a lease, so a crash resumes from the last batch and two
 * instances never work on it at once.
 */
export const createRebuild = (db: () => Knex, steps: RebuildSteps, owner: string, options: { batchSize: number; leaseMs: number }) => {
  const latest = async (): Promise<RebuildRow | undefined> => db()(TABLES.rebuilds).orderBy('id', 'desc').first();

  /** Starts a rebuild, or returns the one already running. */
  const start = async (now = Date.now()): Promise<RebuildStatus> => {
    const current = await latest();
    if (current?.status === 'running') return toStatus(current);
    const articles = await steps.countPublished();
    // Two phases over every article: analyse it, then recompute its list.
    const [inserted] = await db()(TABLES.rebuilds)
      .insert({ status: 'running', phase: 'index', total: articles * 2, done: 0, cursor: null, started_at: now })
      .returning('id');
    const id = typeof inserted === 'object' ? Number((inserted as { id: number }).id) : Number(inserted);
    return toStatus((await db()(TABLES.rebuilds).where({ id }).first()) as RebuildRow);
  };

  const status = async (): Promise<RebuildStatus | null> => {
    const row = await latest();
    return row ? toStatus(row) : null;
  };

  const claim = async (id: number, now: number): Promise<boolean> =>
    (await db()(TABLES.rebuilds)
      .where({ id, status: 'running' })
      .andWhere((query) => query.whereNull('lease_until').orWhere('lease_until', '<', now).orWhere('lease_owner', owner))
      .update({ lease_owner: owner, lease_until: now + options.leaseMs })) > 0;

  /** One batch of the running rebuild, if any; true while there is more to do. */
  const step: TickTask = async () => {
    const row = await latest();
    if (!row || row.status !== 'running') return false;
    const now = Date.now();
    if (!(await claim(row.id, now))) return false;
    try {
      if (row.phase === 'index') {
        const { cursor, count } = await steps.indexAfter(row.cursor, options.batchSize);
        if (cursor === null) {
          await steps.dropStale(Number(row.started_at));
          await db()(TABLES.rebuilds).where({ id: row.id }).update({ phase: 'lists', cursor: null, done: Number(row.done) + count });
        } else {
          await db()(TABLES.rebuilds).where({ id: row.id }).update({ cursor, done: Number(row.done) + count });
        }
      } else {
        const { cursor, count } = await steps.relistAfter(row.cursor, options.batchSize);
        await db()(TABLES.rebuilds)
          .where({ id: row.id })
          .update(
            cursor === null
              ? { phase: 'finished', status: 'done', cursor: null, done: row.total, finished_at: Date.now(), lease_owner: null, lease_until: null }
              : { cursor, done: Number(row.done) + count },
          );
      }
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db()(TABLES.rebuilds)
        .where({ id: row.id })
        .update({ status: 'failed', error: message.slice(0, 2000), finished_at: Date.now(), lease_owner: null, lease_until: null });
      throw error;
    }
  };

  return { start, status, step };
};

export type Rebuild = ReturnType<typeof createRebuild>;
