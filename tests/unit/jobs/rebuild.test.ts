import { createRebuild, type RebuildSteps } from '../../../server/src/jobs/rebuild';
import { createRebuildRecords } from '../../../server/src/jobs/rebuild-records';
import { defaultRelatedSettings } from '../../../server/src/related/settings';
import { ensureTables } from '../../../server/src/index-store/tables';
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

const warnings: string[] = [];
const log = { warn: (message: string) => void warnings.push(message), error: (message: string) => void warnings.push(message) };
const options = {
  batchSize: 10,
  leaseMs: 30_000,
  refresh: { afterIdleMs: 0, minIntervalMs: 0 },
  settings: defaultRelatedSettings,
  settingsWaitMs: 10_000,
  log,
};

/** What MySQL's driver throws when the database chose this transaction as a deadlock's victim. */
const deadlock = (): Error =>
  Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });

const LINKS_TARGET_INDEX = 'newsroom_related_links_target_document_id_locale_index';
const hasTargetIndex = async (): Promise<boolean> => (await db()('sqlite_master').where({ type: 'index', name: LINKS_TARGET_INDEX }).first()) !== undefined;

beforeEach(() => {
  warnings.length = 0;
});

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

  it('runs a batch that met a deadlock again at the next pass, and fails only when conflicts go on', async () => {
    let calls = 0;
    let conflictsFirst = 2;
    const steps: RebuildSteps = {
      ...failingSteps(async () => undefined),
      indexAfter: async () => {
        calls += 1;
        if (conflictsFirst > 0) {
          conflictsFirst -= 1;
          throw deadlock();
        }
        return { cursor: 'next', count: 1 };
      },
    };
    const rebuild = createRebuild(db, steps, 'test', options);
    await rebuild.start();
    expect(await rebuild.step(async () => true)).toBe(false);
    expect(await rebuild.step(async () => true)).toBe(false);
    expect(await rebuild.status()).toMatchObject({ status: 'running', done: 0 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('lock conflict');
    expect(await rebuild.step(async () => true)).toBe(true);
    expect(await rebuild.status()).toMatchObject({ status: 'running', done: 1 });

    // Conflicts that do not pass: after a few in a row, the rebuild stops with the error.
    conflictsFirst = Infinity;
    let passes = 0;
    while ((await rebuild.status())?.status === 'running' && passes < 20) {
      passes += 1;
      await rebuild.step(async () => true).catch(() => undefined);
    }
    expect(passes).toBe(6);
    expect(await rebuild.status()).toMatchObject({ status: 'failed', error: expect.stringContaining('Deadlock found') });
    expect(calls).toBe(9);
  });

  it('leaves the links target index to a running rebuild at start-up, and makes it again once none runs', async () => {
    expect(await hasTargetIndex()).toBe(true);
    const rebuild = createRebuild(
      db,
      failingSteps(async () => undefined),
      'test',
      options,
    );
    const { id } = await rebuild.start();
    // A rebuild's lists phase drops the index; an instance that starts meanwhile leaves it so.
    await db().raw(`drop index ${LINKS_TARGET_INDEX}`);
    await ensureTables(db());
    expect(await hasTargetIndex()).toBe(false);
    // A rebuild that failed and could not put the index back: the next start-up makes it.
    await db()('newsroom_related_rebuilds').where({ id }).update({ status: 'failed' });
    await ensureTables(db());
    expect(await hasTargetIndex()).toBe(true);
  });

  it('runs one rebuild when several start at the same moment, a full one before a refresh', async () => {
    const records = createRebuildRecords(db, { countPublished: async () => 10, latestChange: async () => 0 }, () => defaultRelatedSettings);
    const running = async () => (await db()('newsroom_related_rebuilds').where({ status: 'running' })).map((row: { kind: string }) => row.kind);

    const fulls = await Promise.all([records.start('full'), records.start('full'), records.start('full')]);
    expect(await running()).toEqual(['full']);
    // Every caller is told of the one that runs.
    expect(new Set(fulls.map((status) => status.id)).size).toBe(1);
    await db()('newsroom_related_rebuilds').update({ status: 'done' });

    const [refresh, full] = await Promise.all([records.start('refresh'), records.start('full')]);
    expect(await running()).toEqual(['full']);
    expect(refresh.id).toBe(full.id);
    expect(await db()('newsroom_related_rebuilds').where({ kind: 'refresh' }).first('status', 'error')).toEqual({
      status: 'failed',
      error: 'replaced by a rebuild started at the same time',
    });
  });
});
