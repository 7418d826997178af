import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { collectReleasedShared } from '../../../server/src/jobs/shared-memory';
import { releaseShared, sharedArray } from '../../../server/src/related/typed-arrays';

const MiB = 1024 * 1024;

describe('collectReleasedShared', () => {
  // Other test files in this worker leave garbage arrays behind: each test starts from a collection.
  beforeEach(() => {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  });

  it('frees shared arrays the engine let go once they add up, and waits until then', () => {
    const allocate = (): void => {
      const array = sharedArray(Uint8Array, 48 * MiB);
      array.fill(1);
      releaseShared(array);
    };
    collectReleasedShared();
    allocate();
    // Measured from just after the allocation: a collection while allocating may free others' garbage.
    const allocated = process.memoryUsage().arrayBuffers;
    expect(collectReleasedShared()).toBe(true);
    expect(allocated - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(48 * MiB);
    // Little let go since: no collection.
    releaseShared(sharedArray(Uint8Array, MiB));
    expect(collectReleasedShared()).toBe(false);
  });

  it('waits for an eighth of the array memory the process holds, when that is more', () => {
    collectReleasedShared();
    const held = new Uint8Array(288 * MiB).fill(1);
    const letGo = (size: number): void => {
      const array = sharedArray(Uint8Array, size * MiB);
      array.fill(1);
      releaseShared(array);
    };
    letGo(36);
    expect(collectReleasedShared()).toBe(false);
    letGo(12);
    expect(collectReleasedShared()).toBe(true);
    expect(held[0]).toBe(1);
  });
});
