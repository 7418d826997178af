/**
 * Bytes the process holds at rest: the V8 heap used after a full garbage collection, plus the
 * memory of ArrayBuffers (typed arrays keep their elements there, outside the heap). Null without
 * `--expose-gc`: without a collection, the heap counts garbage.
 */
export const bytesAtRest = (): number | null => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  // Twice: the first collection may leave what finalizers and weak references only release then.
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/** Bytes per article held since `baseline` (both from `bytesAtRest`), or null when either is unknown. */
export const bytesPerArticle = (baseline: number | null, atRest: number | null, articles: number): number | null =>
  baseline === null || atRest === null ? null : Math.round((atRest - baseline) / articles);
