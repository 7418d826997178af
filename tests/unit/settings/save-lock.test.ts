import { createSaveLock, SettingsBusyError } from '../../../server/src/config/saved/save-lock';
import { useMemoryTables } from '../../support/memory-tables';

const db = useMemoryTables();

/** A task that records when it ran, and finishes when told to. */
const held = (log: string[], name: string) => {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`${name} starts`);
      await done;
      log.push(`${name} ends`);
      return name;
    },
    finish: () => finish(),
  };
};

describe('the settings save lock', () => {
  it('runs the saves of two instances one after the other', async () => {
    const log: string[] = [];
    const first = held(log, 'a');
    const second = held(log, 'b');
    const onA = createSaveLock(db, 'instance-a');
    const onB = createSaveLock(db, 'instance-b');
    const savedOnA = onA(5_000, first.task);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const savedOnB = onB(5_000, second.task);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(log).toEqual(['a starts']);
    first.finish();
    second.finish();
    expect(await Promise.all([savedOnA, savedOnB])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('keeps the lease while a save runs longer than it, and gives up waiting after one lease', async () => {
    const log: string[] = [];
    const long = held(log, 'a');
    // Extended every 800 ms: a busy test worker may stall for over a second and still hold it.
    const lease = 2_400;
    const savedOnA = createSaveLock(db, 'instance-a')(lease, long.task);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await expect(createSaveLock(db, 'instance-b')(lease, async () => log.push('b ran'))).rejects.toBeInstanceOf(SettingsBusyError);
    // Past the first lease: only the extension kept B out.
    expect(Date.now() - started).toBeGreaterThanOrEqual(lease);
    long.finish();
    expect(await savedOnA).toBe('a');
    expect(log).toEqual(['a starts', 'a ends']);
  });

  it('takes over a lease its dead holder left, and frees it when a save fails', async () => {
    await db()('newsroom_related_lock').insert({ name: 'settings-save', owner: 'dead', lease_until: Date.now() - 1 });
    await expect(
      createSaveLock(db, 'instance-a')(5_000, async () => {
        throw new Error('restart failed');
      }),
    ).rejects.toThrow('restart failed');
    expect(await db()('newsroom_related_lock').where({ name: 'settings-save' }).first()).toMatchObject({ owner: null, lease_until: 0 });
    expect(await createSaveLock(db, 'instance-b')(5_000, async () => 'b')).toBe('b');
  });
});
