import { createRebuild, type RebuildSteps } from '../../../server/src/jobs/rebuild';
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

const options = { batchSize: 10, leaseMs: 30_000, refresh: { afterIdleMs: 0, minIntervalMs: 0 } };

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
});
