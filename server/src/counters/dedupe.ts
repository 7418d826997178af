/**
 * Fixed dedupe windows: a visitor's views of an article count once per window, the windows being
 * consecutive spans of `windowMs` from the epoch. Every instance computes the same window for the
 * same moment, so the stored keys (`seen-views.ts`) dedupe a repeat whichever instance gets it.
 */

/** The start of the window a moment falls in. */
export const windowStart = (time: number, windowMs: number): number => Math.floor(time / windowMs) * windowMs;

/**
 * Stored keys of windows starting before this can go. The previous window's are kept: a view of
 * its last moments may still be in another instance's buffer. With `windowMs` 0 nothing is kept.
 */
export const forgetKeysBefore = (time: number, windowMs: number): number => (windowMs === 0 ? Number.MAX_SAFE_INTEGER : windowStart(time, windowMs) - windowMs);

/**
 * This instance's memory of the keys it admitted in the current window: a repeat on the same
 * instance is turned away before it costs a buffered key and a row. It uses the table's windows,
 * so what it turns away is a key this instance already buffered or stored.
 */
export const createViewDedupe = (windowMs: number) => {
  // Insertion order is window order (a key is re-inserted when admitted again), so pruning stops
  // at the first key of the current window.
  const admitted = new Map<string, number>();

  /** True when this view is the key's first on this instance in the window of `now`. */
  const admit = (key: string, now: number): boolean => {
    if (windowMs === 0) return true;
    const window = windowStart(now, windowMs);
    if (admitted.get(key) === window) return false;
    admitted.delete(key);
    admitted.set(key, window);
    return true;
  };

  const prune = (now: number): void => {
    if (windowMs === 0) return;
    const current = windowStart(now, windowMs);
    for (const [key, window] of admitted) {
      if (window >= current) break;
      admitted.delete(key);
    }
  };

  return { admit, prune, size: (): number => admitted.size };
};
