import { createConsistencyCheck, type ConsistencyProbe } from '../../../server/src/jobs/consistency-check';
import type { Fingerprint } from '../../../server/src/index-store/stamps';

const print = (count: number, rowIdSum = count, latestUpdate = 0): Fingerprint => ({ count, rowIdSum, latestUpdate });

/** A site seen by the check: what it reads is set by the test, what it does is recorded. */
const site = () => {
  const state = {
    locales: ['en', 'fr'],
    indexedLocales: ['en', 'fr'],
    rebuilding: false,
    published: print(10),
    indexed: print(10),
    openJobs: false,
    stale: [{ documentId: 'a', locale: 'en' }],
    purged: [] as string[][],
    reconciled: 0,
    requeued: [] as string[][],
  };
  const probe: ConsistencyProbe = {
    siteLocales: async () => state.locales,
    indexedLocales: () => state.indexedLocales,
    purgeLocales: async (locales) => state.purged.push(locales),
    rebuilding: async () => state.rebuilding,
    fingerprints: async () => ({ published: state.published, indexed: state.indexed }),
    openJobs: async () => state.openJobs,
    reconcile: async () => {
      state.reconciled += 1;
      return state.stale;
    },
    requeue: async (keys) => void state.requeued.push(keys.map((key) => key.documentId)),
  };
  return { state, probe };
};

describe('consistency check', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('compares two aggregates and reconciles nothing while they agree', async () => {
    const { state, probe } = site();
    const check = createConsistencyCheck(probe, 30_000, clock);
    expect(await check.step(async () => true)).toBe(false);
    expect(state.reconciled).toBe(0);
  });

  it('reconciles once when they differ with no job to explain it, and again only when the published rows move', async () => {
    const { state, probe } = site();
    state.published = print(11);
    const check = createConsistencyCheck(probe, 30_000, clock);
    expect(await check.step(async () => true)).toBe(true);
    expect(state.requeued).toEqual([['a']]);

    // The stale article's job failed for good: the same state is not reconciled every interval.
    now += 30_000;
    expect(await check.step(async () => true)).toBe(false);
    expect(state.reconciled).toBe(1);

    now += 30_000;
    state.published = print(12);
    expect(await check.step(async () => true)).toBe(true);
    expect(state.reconciled).toBe(2);
  });

  it('leaves a difference to the jobs that are open, and to a running rebuild', async () => {
    const { state, probe } = site();
    state.published = print(11);
    state.openJobs = true;
    const check = createConsistencyCheck(probe, 30_000, clock);
    expect(await check.step(async () => true)).toBe(false);
    now += 30_000;
    state.openJobs = false;
    state.rebuilding = true;
    expect(await check.step(async () => true)).toBe(false);
    expect(state.reconciled).toBe(0);
  });

  it('runs at its interval, or at once when requested', async () => {
    const { state, probe } = site();
    const check = createConsistencyCheck(probe, 30_000, clock);
    await check.step(async () => true);
    state.published = print(11);
    now += 10_000;
    expect(await check.step(async () => true)).toBe(false);
    expect(state.reconciled).toBe(0);
    check.request();
    expect(await check.step(async () => true)).toBe(true);
    expect(state.reconciled).toBe(1);
  });

  it('purges the locales the site no longer has', async () => {
    const { state, probe } = site();
    state.locales = ['en'];
    const check = createConsistencyCheck(probe, 30_000, clock);
    await check.step(async () => true);
    expect(state.purged).toEqual([['fr']]);
  });

  it('does nothing at all when turned off, unless requested', async () => {
    const { state, probe } = site();
    state.locales = ['en'];
    const check = createConsistencyCheck(probe, 0, clock);
    expect(await check.step(async () => true)).toBe(false);
    expect(state.purged).toEqual([]);
    check.request();
    await check.step(async () => true);
    expect(state.purged).toEqual([['fr']]);
  });
});
