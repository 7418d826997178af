import type { Worker } from 'worker_threads';
import type { ProfileBlockRequest } from '../analysis-thread/messages';
import type { RelatedEngine } from '../related';
import { builtThread, postShare, startHelperThread } from './engine-thread';
import { collectReleasedShared } from './shared-memory';

/** Profiles per block given to the thread: a few hundred milliseconds of work at a million articles. */
const BLOCK = 250;
/** Blocks the thread holds at once: the next one is there when it finishes one. */
const IN_FLIGHT = 2;
/** The thread's young generation: peak RSS of `bench:engine --helper on` at 100,000 articles 505 → 476 MiB with it. */
const YOUNG_MIB = 4;

export interface ProfileHelper {
  /**
   * Runs the engine's pending profile work in `flushStep(step)`s, the thread fed between them:
   * while the engine waits for one of the thread's blocks, until it comes; otherwise `pause`
   * (serving requests). `keep` after each step may stop the run (false: a lease lost), which
   * then answers false; true once no work is left.
   */
  flush(step: number, pause: () => Promise<unknown>, keep?: () => Promise<boolean>): Promise<boolean>;
  /** Profiles the thread computed and gave back. */
  readonly computed: number;
  /** Whether the thread is running: from the pass's first block until no block is left for it. */
  readonly running: boolean;
  /** Stops the thread (its shared memory is let go with it); the blocks it held are computed by the engine. */
  close(): Promise<void>;
}

/**
 * The other core's share of a full reprofile: every other block of the `profiles` stage is
 * computed on the engine thread, from memory shared with it, while `flushStep` computes the rest
 * here. Without the thread's bundle, or once the thread failed, the engine computes them all:
 * the same profiles, only slower.
 */
export const createProfileHelper = (engine: RelatedEngine, script: string | undefined = builtThread()): ProfileHelper => {
  let worker: Worker | undefined;
  let broken = script === undefined;
  let sharedPass: number | undefined;
  let inFlight = 0;
  let computed = 0;
  let wake: (() => void) | undefined;

  const woken = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const fail = (): void => {
    broken = true;
    inFlight = 0;
    engine.releaseProfiles();
    woken();
  };

  const thread = (): Worker => {
    worker ??= startHelperThread(script as string, engine.settings, YOUNG_MIB, 'profile-block', {
      reply: (reply) => {
        inFlight -= 1;
        if (reply.error === undefined) {
          engine.acceptProfiles(reply.pass, reply.from);
          computed += reply.count;
        }
        // A block the thread could not compute: the engine computes what it did not get.
        else engine.releaseProfiles();
        woken();
      },
      fail,
      current: () => worker,
    });
    return worker;
  };

  let retiring: Promise<number> | undefined;

  /** Stops the thread: the shared arrays it was given are freed only once no thread holds them. */
  const retire = (): void => {
    const stopping = worker;
    worker = undefined;
    sharedPass = undefined;
    if (stopping) retiring = stopping.terminate();
  };

  /** Gives the thread the blocks the engine's full reprofile offers, up to a few at a time. */
  const feed = (): void => {
    while (!broken && inFlight < IN_FLIGHT) {
      const work = engine.claimProfiles(BLOCK);
      if (!work) {
        // The pass has no block left for it: its stage's arrays, let go next, are not kept alive.
        if (inFlight === 0 && !engine.waitingForHelper) retire();
        return;
      }
      const target = thread();
      if (work.share.pass !== sharedPass) {
        postShare(target, { kind: 'profile-share', share: work.share });
        sharedPass = work.share.pass;
      }
      target.postMessage({ kind: 'profile-block', block: work.block } satisfies ProfileBlockRequest);
      inFlight += 1;
    }
  };

  /** Resolves when the thread gives a block back, or fails (the engine then computes its blocks). */
  const arrival = (): Promise<void> =>
    broken || inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          wake = resolve;
        });

  return {
    get computed() {
      return computed;
    },
    get running() {
      return worker !== undefined;
    },
    async flush(step, pause, keep = async () => true) {
      while (!engine.flushStep(step)) {
        feed();
        // Once the profiles stage lets go of its arrays (the unit weights, the index of term
        // vectors), the thread stops and they are freed before the next stage allocates its index.
        await retiring;
        collectReleasedShared();
        await (engine.waitingForHelper ? arrival() : pause());
        if (!(await keep())) return false;
      }
      return true;
    },
    async close() {
      retire();
      inFlight = 0;
      engine.releaseProfiles();
      woken();
      await retiring;
    },
  };
};
