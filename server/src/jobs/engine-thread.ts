import { existsSync } from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import type { ListsPartMessage, ListShareMessage, ProfileShareMessage, ThreadReply } from '../analysis-thread/messages';
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

/**
 * Starts the engine thread for a helper: `reply` gets the thread's replies of `kind`, and `fail`
 * runs when it errs or exits while it is still the helper's thread (`current`).
 */
export const startHelperThread = <K extends ThreadReply['kind']>(
  script: string,
  settings: RelatedSettings,
  youngMiB: number,
  kind: K,
  handlers: { reply: (reply: Extract<ThreadReply, { kind: K }>) => void; fail: () => void; current: () => Worker | undefined },
): Worker => {
  const worker = startEngineThread(script, settings, youngMiB);
  worker.on('message', (reply: ThreadReply) => {
    if (reply.kind === kind) handlers.reply(reply as Extract<ThreadReply, { kind: K }>);
  });
  worker.on('error', handlers.fail);
  worker.on('exit', () => {
    if (handlers.current() === worker) handlers.fail();
  });
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
