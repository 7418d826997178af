import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { takeReleasedSharedBytes } from '../related';

/** Shared memory let go, in bytes, below which a collection is never worth its pause. */
const COLLECT_AFTER = 32 * 1024 * 1024;
/** ...nor below this share of the array memory the process holds: a full collection's pause grows with the index. */
const COLLECT_SHARE = 1 / 8;

let released = 0;
let collect: (() => void) | undefined;

/** V8's full collection: `gc` when the process runs with `--expose-gc`, else exposed for a context of its own. */
const collector = (): (() => void) => {
  if (collect) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) collect = exposed;
  else {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
};

/**
 * Frees the shared arrays the engine let go (a full reprofile's, or its term arena once it grew
 * again) once they add up. V8 collects when ordinary array memory grows, never for shared memory:
 * without this, hundreds of megabytes at 100,000 articles stayed in the process until some other
 * collection came. Returns whether it collected.
 */
export const collectReleasedShared = (): boolean => {
  released += takeReleasedSharedBytes();
  if (released < COLLECT_AFTER || released < process.memoryUsage().arrayBuffers * COLLECT_SHARE) return false;
  released = 0;
  collector()();
  return true;
};
