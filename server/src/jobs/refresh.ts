import type { RebuildStatus } from '../contracts/dashboard';

export interface RefreshSettings {
  /** Quiet time after the last save's recompute before a refresh starts; 0 turns refreshes off. */
  afterIdleMs: number;
  /** Least time between the end of one rebuild or refresh and the start of the next refresh. */
  minIntervalMs: number;
}

export interface RefreshState {
  /** The latest change a save's job stored, if the feed still holds one. */
  lastJobChange: { id: number; createdAt: number } | null;
  /** The latest rebuild or refresh, with the feed position its lists phase started from. */
  lastRun: { status: RebuildStatus; listsFromChange: number | null } | null;
}

/**
 * Whether the lists may have drifted from what a full rebuild gives, and it is a good time to
 * recompute them all. A save updates its own list and the lists it enters or leaves at once, but
 * the corpus-wide statistics and the smoothing of other profiles only catch up in a full pass:
 * the refresh is that pass, run once the newsroom is quiet, so the lists converge on exactly what
 * a rebuild would store.
 */
export const refreshDue = ({ lastJobChange, lastRun }: RefreshState, settings: RefreshSettings, now: number): boolean => {
  if (settings.afterIdleMs <= 0 || lastJobChange === null) return false;
  if (now - lastJobChange.createdAt < settings.afterIdleMs) return false;
  if (lastRun === null) return true;
  const { status, listsFromChange } = lastRun;
  if (status.status === 'running') return false;
  if (status.status === 'done' && listsFromChange !== null && lastJobChange.id <= listsFromChange) return false;
  const endedAt = status.finishedAt === null ? 0 : Date.parse(status.finishedAt);
  return now - endedAt >= settings.minIntervalMs;
};
