import { createSharedInvalidation } from '../../../server/src/reader/shared-invalidation';

const fakeVersion = () => {
  let version = 0;
  let release: (() => void) | undefined;
  const store = {
    bumps: 0,
    hold: false,
    ensure: async () => {},
    read: async () => version,
    bump: () =>
      new Promise<number>((resolve) => {
        const done = () => {
          version += 1;
          store.bumps += 1;
          resolve(version);
        };
        if (store.hold) release = done;
        else done();
      }),
    release: () => release?.(),
    moveElsewhere: () => {
      version += 1;
    },
  };
  return store;
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shared invalidation', () => {
  it('clears at once, and collapses the bumps that come while one is written into one more', async () => {
    const version = fakeVersion();
    const clear = jest.fn();
    const shared = createSharedInvalidation(version, clear, 60_000, () => {});
    await shared.start();
    version.hold = true;
    for (let i = 0; i < 50; i += 1) shared.changed();
    expect(clear).toHaveBeenCalledTimes(50);
    version.hold = false;
    version.release();
    await tick();
    await shared.stop();
    expect(version.bumps).toBe(2);
  });

  it('clears when another instance moved the version, once per move', async () => {
    jest.useFakeTimers();
    try {
      const version = fakeVersion();
      const clear = jest.fn();
      const shared = createSharedInvalidation(version, clear, 1000, () => {});
      await shared.start();
      await jest.advanceTimersByTimeAsync(1000);
      expect(clear).not.toHaveBeenCalled();
      version.moveElsewhere();
      await jest.advanceTimersByTimeAsync(1000);
      await jest.advanceTimersByTimeAsync(1000);
      expect(clear).toHaveBeenCalledTimes(1);
      // Its own bump is not taken for another instance's.
      shared.changed();
      await jest.advanceTimersByTimeAsync(2000);
      expect(clear).toHaveBeenCalledTimes(2);
      await shared.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
