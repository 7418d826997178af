import { collectReleasedShared } from '../../../server/src/jobs/shared-memory';
import { releaseShared, sharedArray } from '../../../server/src/related/typed-arrays';

const MiB = 1024 * 1024;

describe('collectReleasedShared', () => {
  it('frees shared arrays the engine let go once they add up, and waits until then', () => {
    const allocate = (): void => {
      const array = sharedArray(Uint8Array, 48 * MiB);
      array.fill(1);
      releaseShared(array);
    };
    collectReleasedShared();
    const before = process.memoryUsage().arrayBuffers;
    allocate();
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThanOrEqual(48 * MiB);
    expect(collectReleasedShared()).toBe(true);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * MiB);
    // Little let go since: no collection.
    releaseShared(sharedArray(Uint8Array, MiB));
    expect(collectReleasedShared()).toBe(false);
  });
});
