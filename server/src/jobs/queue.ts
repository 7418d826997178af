import type { Knex } from 'knex';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import type { JobCounts } from '../contracts/dashboard';
import { countRows } from '../database/dialect';
import { TABLES } from '../index-store/tables';

export interface ClaimedJob extends DocumentKey {
  id: number;
  generation: number;
  attempts: number;
  /** Recompute the list even if the article did not change ("recompute now"). */
  force: boolean;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The durable related-links queue: one row per article and locale. Enqueuing the same article
 * again collapses into that row; a lease lets exactly one instance run it; a run that fails
 * is retried with backoff and, after the last attempt, kept as failed for the admin to see.
 */
export const createJobQueue = (owner: string, retry: RetryPolicy) => {
  /**
   * Runs inside the caller's transaction when given one, so the job commits with the save. A
   * forced job stays forced when enqueued again unforced before it runs.
   */
  const enqueue = async (db: Knex | Knex.Transaction, keys: DocumentKey[], now = Date.now(), force = false): Promise<void> => {
    const unique = [...new Map(keys.map((key) => [encodeKey(key), key])).values()];
    if (unique.length === 0) return;
    await db(TABLES.jobs)
      .insert(unique.map((key) => ({ document_id: key.documentId, locale: key.locale, run_after: now, created_at: now, force })))
      .onConflict(['document_id', 'locale'])
      .merge({
        generation: db.raw('?? + 1', [`${TABLES.jobs}.generation`]),
        run_after: now,
        attempts: 0,
        failed: false,
        last_error: null,
        ...(force ? { force } : {}),
      });
  };

  const claim = async (db: Knex, limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedJob[]> => {
    const token = `${owner}:${now}:${Math.random().toString(36).slice(2, 10)}`;
    // Read first, then update: MySQL updates no table from a subquery on itself.
    const candidates: Array<{ id: number | string }> = await db(TABLES.jobs)
      .select('id')
      .where('failed', false)
      .andWhere('run_after', '<=', now)
      .andWhere((query) => query.whereNull('lease_until').orWhere('lease_until', '<', now))
      .orderBy('run_after')
      .limit(limit);
    if (candidates.length === 0) return [];
    // A conditional update is atomic on every database: of two instances, one wins each row.
    const ids = candidates.map((row) => Number(row.id));
    await db(TABLES.jobs)
      .whereIn('id', ids)
      .andWhere('failed', false)
      .andWhere((query) => query.whereNull('lease_until').orWhere('lease_until', '<', now))
      .update({ lease_owner: token, lease_until: now + leaseMs });
    // Found by their ids: `lease_owner` has no index, and a queue of a million imports is read 20 jobs at a time.
    const rows = await db(TABLES.jobs)
      .select('id', 'document_id', 'locale', 'generation', 'attempts', 'force')
      .whereIn('id', ids)
      .andWhere('lease_owner', token);
    return rows.map((row) => ({
      id: Number(row.id),
      documentId: String(row.document_id),
      locale: String(row.locale),
      generation: Number(row.generation),
      attempts: Number(row.attempts),
      // SQLite answers 0 or 1.
      force: Boolean(row.force),
    }));
  };

  /** Removes the job unless it was enqueued again while running; then it runs once more. */
  const complete = async (db: Knex, job: ClaimedJob): Promise<void> => {
    const removed = await db(TABLES.jobs).where({ id: job.id, generation: job.generation }).delete();
    if (!removed) await db(TABLES.jobs).where({ id: job.id }).update({ lease_owner: null, lease_until: null });
  };

  /**
   * Puts a job that could not run now back, due at once (the next claim may take it again), and
   * forced: by the time it runs, a rebuild may have indexed its article's version without storing
   * its list yet.
   */
  const postpone = async (db: Knex, job: ClaimedJob): Promise<void> => {
    await db(TABLES.jobs).where({ id: job.id }).update({ lease_owner: null, lease_until: null, force: true });
  };

  const fail = async (db: Knex, job: ClaimedJob, error: unknown, now = Date.now()): Promise<{ willRetry: boolean }> => {
    const attempts = job.attempts + 1;
    const willRetry = attempts < retry.maxAttempts;
    const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempts - 1));
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await db(TABLES.jobs)
      .where({ id: job.id, generation: job.generation })
      .update({ attempts, failed: !willRetry, run_after: now + delay, lease_owner: null, lease_until: null, last_error: message.slice(0, 2000) });
    return { willRetry };
  };

  /** These keys, less those whose job has failed for good (they stay failed until saved again). */
  const withoutFailed = async (db: Knex, keys: DocumentKey[]): Promise<DocumentKey[]> => {
    const failed = new Set(
      (await db(TABLES.jobs).select('document_id', 'locale').where('failed', true)).map((row) =>
        encodeKey({ documentId: row.document_id, locale: row.locale }),
      ),
    );
    return failed.size === 0 ? keys : keys.filter((key) => !failed.has(encodeKey(key)));
  };

  /**
   * Failed, running and waiting jobs, each counted from an index alone: an import of a million
   * articles queues a million jobs, whose rows the admin's overview read in one statement.
   */
  const counts = async (db: Knex, now = Date.now()): Promise<JobCounts> => {
    const failed = await countRows(db(TABLES.jobs).where('failed', true));
    const open = await countRows(db(TABLES.jobs).where('failed', false));
    const running = await countRows(db(TABLES.jobs).where('failed', false).andWhere('lease_until', '>=', now));
    // Read apart: a job queued and claimed between the two reads is running, and was not open yet.
    return { failed, running, pending: Math.max(0, open - running) };
  };

  /** Whether any job waits or runs (failed ones left out): one row of an index, where `counts` reads every entry of its range. */
  const hasOpen = async (db: Knex): Promise<boolean> => (await db(TABLES.jobs).select('id').where('failed', false).first()) !== undefined;

  return { enqueue, claim, complete, postpone, fail, withoutFailed, counts, hasOpen };
};

export type JobQueue = ReturnType<typeof createJobQueue>;
