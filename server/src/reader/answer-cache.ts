export interface AnswerCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry<T> {
  value: T;
  expires: number;
}

/**
 * The assembled answers of the read endpoints, in memory, by key. `clear()` (any save, related
 * recompute or rankings swap on this instance) empties it; the TTL bounds how long a save made on
 * another instance can go unseen. An answer built while a clear happened is not kept: it may
 * hold what the clear was about.
 */
export const createAnswerCache = <T extends object>({ ttlMs, maxEntries, now = Date.now }: AnswerCacheOptions) => {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recently used.
  const entries = new Map<string, Entry<T>>();
  const building = new Map<string, Promise<T | null>>();
  let generation = 0;

  const get = (key: string): T | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expires <= now()) return undefined;
    entries.set(key, entry);
    return entry.value;
  };

  const put = (key: string, value: T): void => {
    entries.set(key, { value, expires: now() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    /**
     * The cached answer, or `build()`'s; concurrent misses of one key share one build. A null
     * answer (nothing with this slug) is not kept, so made-up slugs cannot push real pages out.
     */
    async through(key: string, build: () => Promise<T | null>): Promise<T | null> {
      const hit = get(key);
      if (hit !== undefined) return hit;
      const pending = building.get(key);
      if (pending) return pending;
      const started = generation;
      const promise: Promise<T | null> = build().finally(() => {
        if (building.get(key) === promise) building.delete(key);
      });
      building.set(key, promise);
      const value = await promise;
      if (value !== null && generation === started) put(key, value);
      return value;
    },

    clear(): void {
      generation += 1;
      entries.clear();
      building.clear();
    },

    size: (): number => entries.size,
  };
};

export type AnswerCache<T extends object> = ReturnType<typeof createAnswerCache<T>>;
