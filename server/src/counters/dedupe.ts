/**
 * Remembers which visitor viewed which article recently, so that a reload or a re-sent beacon
 * within the window counts once. Pure and in memory: per process (see the README).
 */
export const createViewDedupe = (windowMs: number) => {
  // Insertion order is expiry order (every key is re-inserted when it counts again), so pruning
  // stops at the first key that is still live.
  const expiries = new Map<string, number>();

  /** True when this view counts; it then holds the key for the window. */
  const admit = (key: string, now: number): boolean => {
    if (windowMs === 0) return true;
    const expiry = expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    expiries.delete(key);
    expiries.set(key, now + windowMs);
    return true;
  };

  const prune = (now: number): void => {
    for (const [key, expiry] of expiries) {
      if (expiry > now) break;
      expiries.delete(key);
    }
  };

  return { admit, prune, size: (): number => expiries.size };
};
