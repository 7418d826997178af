import { createRebuild, type RebuildSteps } from '../../../server/src/jobs/rebuild';
import { defaultRelatedSettings } from '../../../server/src/related/settings';
import { useMemoryTables } from '../../support/memory-tables';

const db = useMemoryTables();

const failingSteps = (restore: () => Promise<void>): RebuildSteps => ({
  countPublished: async () => 10,
  indexAfter: async () => {
    throw new Error('the articles table is gone');
  },
  dropStale: async () => undefined,
  relistAfter: async () => ({ cursor: null, count: 0 }),
  restoreAfterFailure: restore,
  latestChange: async () => 0,
  latestJobChange: async () => null,
});

const options = { batchSize: 10, leaseMs: 30_000, refresh: { afterIdleMs: 0, minIntervalMs: 0 }, settings: defaultRelatedSettings, settingsWaitMs: 10_000 };

describe('rebuild', () => {
  it('records and reports its own error, even when putting things back fails too', async () => {
    let restored = 0;
    const rebuild = createRebuild(
      db,
      failingSteps(async () => {
        restored += 1;
        throw new Error('the database is down');
      }),
      'test',
      options,
    );
    await rebuild.start();
    await expect(rebuild.step(async () => true)).rejects.toThrow('the articles table is gone');
    expect(restored).toBe(1);
    expect(await rebuild.status()).toMatchObject({ status: 'failed', error: 'the articles table is gone' });
  });

  it('leaves a rebuild asked under other related settings to an instance that runs them, until the wait is over', async () => {
    let indexed = 0;
    const steps: RebuildSteps = {
      ...failingSteps(async () => undefined),
      indexAfter: async () => {
        indexed += 1;
        return { cursor: 'next', count: 1 };
      },
    };
    const newer = { ...defaultRelatedSettings, listSize: defaultRelatedSettings.listSize - 2 };
    // Asked on an instance that already runs the newer settings.
    const asked = await createRebuild(db, steps, 'saver', { ...options, settings: newer }).start();
    const behind = createRebuild(db, steps, 'behind', options);
    expect(await behind.step(async () => true)).toBe(false);
    expect(indexed).toBe(0);
    const following = createRebuild(db, steps, 'following', { ...options, settings: newer });
    expect(await following.step(async () => true)).toBe(true);
    expect(indexed).toBe(1);
    // Long after it was asked, an instance still on other settings goes ahead (once the lease is free).
    await db()('newsroom_related_rebuilds')
      .where({ id: asked.id })
      .update({ started_at: Date.now() - 60_000, lease_until: 0 });
    expect(await behind.step(async () => true)).toBe(true);
    expect(indexed).toBe(2);
  });
});
