import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { RelatedSettings } from '../related';
import type { RebuildKind, RebuildStatus } from '../contracts/dashboard';
import { TABLES } from '../index-store/tables';

/** What starting a rebuild reads: the database only, so an instance without the index can record one. */
export interface RebuildCounts {
  countPublished(): Promise<number>;
  /** The last change of the feed (where the lists phase starts from). */
  latestChange(): Promise<number>;
}

/** Tells apart two sets of related settings (key order included, as both come from one schema). */
export const hashSettings = (settings: RelatedSettings): string => createHash('sha1').update(JSON.stringify(settings)).digest('hex');

export interface RebuildRow {
  id: number;
  kind: RebuildKind;
  status: RebuildStatus['status'];
  phase: RebuildStatus['phase'];
  total: number;
  done: number;
  cursor: string | null;
  error: string | null;
  lists_from_change: number | string | null;
  started_at: number | string;
  finished_at: number | string | null;
  settings_hash: string | null;
}

export const toStatus = (row: RebuildRow): RebuildStatus => {
  const total = Number(row.total);
  const done = Math.min(Number(row.done), total);
  return {
    id: Number(row.id),
    kind: row.kind,
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
 * The rebuild rows: starting a rebuild records it, and whichever instance runs the worker works
 * on it (see `rebuild.ts`).
 */
export const createRebuildRecords = (db: () => Knex, counts: RebuildCounts, settings: () => RelatedSettings) => {
  const latest = async (): Promise<RebuildRow | undefined> => db()(TABLES.rebuilds).orderBy('id', 'desc').first();

  /** Starts a rebuild, or returns the one already running (a full one replaces a running refresh). */
  const start = async (kind: RebuildKind = 'full', now = Date.now()): Promise<RebuildStatus> => {
    const current = await latest();
    if (current?.status === 'running') {
      if (kind === 'refresh' || current.kind === 'full') return toStatus(current);
      await db()(TABLES.rebuilds)
        .where({ id: current.id })
        .update({ status: 'failed', error: 'replaced by a full rebuild', finished_at: now, lease_owner: null, lease_until: null });
    }
    const articles = await counts.countPublished();
    // A full rebuild analyses every article, then recomputes its list; a refresh only the latter.
    const fields =
      kind === 'full'
        ? { phase: 'index', total: articles * 2, lists_from_change: null }
        : { phase: 'lists', total: articles, lists_from_change: await counts.latestChange() };
    const [inserted] = await db()(TABLES.rebuilds)
      .insert({ kind, status: 'running', done: 0, cursor: null, started_at: now, settings_hash: hashSettings(settings()), ...fields })
      .returning('id');
    const id = typeof inserted === 'object' ? Number((inserted as { id: number }).id) : Number(inserted);
    // Starts at the same moment (two editors, two instances) each found none running: one runs,
    // the same whichever start looks, a full one first.
    const running: RebuildRow[] = await db()(TABLES.rebuilds).where('status', 'running').orderBy('id', 'desc');
    const kept = running.find((row) => row.kind === 'full') ?? running[0];
    const others = running.filter((row) => row !== kept).map((row) => Number(row.id));
    if (others.length > 0) {
      await db()(TABLES.rebuilds)
        .whereIn('id', others)
        .update({ status: 'failed', error: 'replaced by a rebuild started at the same time', finished_at: now, lease_owner: null, lease_until: null });
    }
    return toStatus(kept ?? ((await db()(TABLES.rebuilds).where({ id }).first()) as RebuildRow));
  };

  const status = async (): Promise<RebuildStatus | null> => {
    const row = await latest();
    return row ? toStatus(row) : null;
  };

  return { latest, start, status };
};
