import { existsSync } from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import type { ListsPartMessage, ListShareMessage, ProfileShareMessage } from '../analysis-thread/messages';
import type { RelatedSettings } from '../related';

/** The engine thread's bundle, beside the server's in `dist/` (absent when run from source). */
export const builtThread = (): string | undefined => {
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(__dirname, '..', 'analysis-thread', 'index.js');
  return existsSync(file) ? file : undefined;
};

/**
 * Starts the engine thread (`analysis-thread/index.ts`); an idle one never keeps the process
 * alive. `youngMiB` bounds its young generation: a thread that allocates only short-lived
 * vectors then collects them sooner, and the memory the allocator keeps for it stays small.
 */
export const startEngineThread = (script: string, settings: RelatedSettings, youngMiB?: number): Worker => {
  const worker = new Worker(script, { workerData: { settings }, ...(youngMiB ? { resourceLimits: { maxYoungGenerationSizeMb: youngMiB } } : {}) });
  worker.unref();
  return worker;
};

/** Lists per `lists-part` message: a few milliseconds each to send. */
const LISTS_PER_PART = 4096;

/** Sends a share to the engine thread, its index's lists in parts first (see `ListsPartMessage`). */
export const postShare = (target: Worker, message: ProfileShareMessage | ListShareMessage): void => {
  const { lists } = message.share.lists;
  for (let from = 0; from < lists.length; from += LISTS_PER_PART) {
    target.postMessage({ kind: 'lists-part', from, lists: lists.slice(from, from + LISTS_PER_PART) } satisfies ListsPartMessage);
  }
  const share = { ...message.share, lists: { ...message.share.lists, lists: [] } };
  target.postMessage({ ...message, share });
};
