import { retryOnLockConflict } from '../../../server/src/database/dialect';

const failing = (codes: string[]) => {
  let runs = 0;
  const task = async (): Promise<string> => {
    const code = codes[runs];
    runs += 1;
    if (code) throw Object.assign(new Error(code), { code });
    return `done after ${runs}`;
  };
  return { task, runs: () => runs };
};

describe('retryOnLockConflict', () => {
  it('runs the task again after lock conflicts (SQLite, PostgreSQL and MariaDB codes)', async () => {
    const { task, runs } = failing(['SQLITE_BUSY', 'ER_LOCK_DEADLOCK']);
    await expect(retryOnLockConflict(task)).resolves.toBe('done after 3');
    expect(runs()).toBe(3);
  });

  it('gives up after its attempts, with the last conflict', async () => {
    const { task, runs } = failing(['40P01', '40P01', '40P01', '40P01']);
    await expect(retryOnLockConflict(task)).rejects.toMatchObject({ code: '40P01' });
    expect(runs()).toBe(3);
  });

  it('does not run again after any other error', async () => {
    const { task, runs } = failing(['SQLITE_CONSTRAINT']);
    await expect(retryOnLockConflict(task)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(runs()).toBe(1);
  });
});
