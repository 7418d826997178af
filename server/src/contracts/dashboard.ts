import type { Localized, RankingPanelData } from './panels';

/** The Newsroom page's answers: rankings at a glance, the related index's health, purges, counts. */

/** A ranking at a glance: its head entries. */
export type RankingSummary = Omit<RankingPanelData, 'locale' | 'pinned' | 'excluded'>;

export interface JobCounts {
  pending: number;
  running: number;
  failed: number;
}

/** `full` re-reads and re-analyses every article; `refresh` recomputes every profile and list from the index. */
export type RebuildKind = 'full' | 'refresh';

export interface RebuildStatus {
  id: number;
  kind: RebuildKind;
  status: 'running' | 'done' | 'failed';
  phase: 'index' | 'lists' | 'finished';
  total: number;
  done: number;
  progress: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/**
 * `worker`: the instance that answered runs the worker (`jobs.runWorker: true`) and holds the
 * related index in memory; `serving`: it holds no index, serves stored lists and hands what
 * needs the index to the worker instance through the database.
 */
export type InstanceRole = 'worker' | 'serving';

export interface RelatedHealth {
  role: InstanceRole;
  /** Where this instance's related index is: `none` on a serving-only instance. */
  index: 'memory' | 'none';
  /** Articles with a stored profile (the same on every instance). */
  indexed: number;
  lists: number;
  jobs: JobCounts;
  lastRebuild: RebuildStatus | null;
}

/** Purges to the cache in front, as every instance recorded them. */
export interface PurgeStatus {
  sent: number;
  failed: number;
  lastSuccessAt: string | null;
  lastFailure: { at: string; message: string; keys: number } | null;
}

/** The shared outcomes, whether purging is on, and what waits on the instance that answered. */
export interface PurgeHealth extends PurgeStatus {
  enabled: boolean;
  pending: number;
}

export interface Overview {
  locale: string;
  rankings: RankingSummary[];
  health: RelatedHealth;
  purge: PurgeHealth;
}

export interface DayPoint {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  views: number;
  reactions: number;
}

/** GET /newsroom/dashboard */
export declare namespace GetOverview {
  interface Request {
    query: Localized;
  }
  interface Response {
    data: Overview;
  }
}

/** GET /newsroom/dashboard/stats: views and reactions per UTC day, oldest first. */
export declare namespace GetStats {
  interface Request {
    /** `days`: 1 to 90, 14 when left out. */
    query: Localized & { days?: number };
  }
  interface Response {
    data: DayPoint[];
  }
}

/** GET /newsroom/rebuild: the latest rebuild, null before the first. */
export declare namespace GetRebuildStatus {
  interface Response {
    data: RebuildStatus | null;
  }
}

/** POST /newsroom/rebuild (202): a full rebuild of the related index. */
export declare namespace StartRebuild {
  interface Request {
    body: Localized;
  }
  interface Response {
    data: RebuildStatus;
  }
}
