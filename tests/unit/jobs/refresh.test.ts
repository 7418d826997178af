import { refreshDue, type RefreshState } from '../../../server/src/jobs/refresh';
import type { RebuildStatus } from '../../../server/src/contracts/dashboard';

const settings = { afterIdleMs: 300_000, minIntervalMs: 3_600_000 };
const now = Date.parse('2026-11-30T12:00:00Z');

const run = (status: RebuildStatus['status'], finishedAgoMs: number | null, listsFromChange: number | null): RefreshState['lastRun'] => ({
  status: {
    id: 1,
    kind: 'full',
    status,
    phase: status === 'running' ? 'lists' : 'finished',
    total: 10,
    done: status === 'running' ? 5 : 10,
    progress: status === 'running' ? 0.5 : 1,
    startedAt: new Date(now - 7_200_000).toISOString(),
    finishedAt: finishedAgoMs === null ? null : new Date(now - finishedAgoMs).toISOString(),
    error: null,
  },
  listsFromChange,
});

const savedAgo = (ms: number, id = 50): RefreshState['lastJobChange'] => ({ id, createdAt: now - ms });

describe('refreshDue', () => {
  it('waits for the newsroom to be quiet', () => {
    expect(refreshDue({ lastJobChange: savedAgo(60_000), lastRun: null }, settings, now)).toBe(false);
    expect(refreshDue({ lastJobChange: savedAgo(300_000), lastRun: null }, settings, now)).toBe(true);
  });

  it('has nothing to do without saves since the last run’s lists began', () => {
    expect(refreshDue({ lastJobChange: null, lastRun: null }, settings, now)).toBe(false);
    expect(refreshDue({ lastJobChange: savedAgo(86_000_000, 40), lastRun: run('done', 7_200_000, 40) }, settings, now)).toBe(false);
    expect(refreshDue({ lastJobChange: savedAgo(600_000, 41), lastRun: run('done', 7_200_000, 40) }, settings, now)).toBe(true);
  });

  it('never starts while a rebuild runs, nor sooner than the interval after one', () => {
    expect(refreshDue({ lastJobChange: savedAgo(600_000, 41), lastRun: run('running', null, 40) }, settings, now)).toBe(false);
    expect(refreshDue({ lastJobChange: savedAgo(600_000, 41), lastRun: run('done', 1_800_000, 40) }, settings, now)).toBe(false);
    // A failed run is retried too, after the interval.
    expect(refreshDue({ lastJobChange: savedAgo(600_000, 30), lastRun: run('failed', 1_800_000, 40) }, settings, now)).toBe(false);
    expect(refreshDue({ lastJobChange: savedAgo(600_000, 30), lastRun: run('failed', 3_600_000, 40) }, settings, now)).toBe(true);
  });

  it('is off with a zero idle time', () => {
    expect(refreshDue({ lastJobChange: savedAgo(86_000_000), lastRun: null }, { ...settings, afterIdleMs: 0 }, now)).toBe(false);
  });
});
