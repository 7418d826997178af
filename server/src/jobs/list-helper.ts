import type { Worker } from 'worker_threads';
import { claimedByAsker, type ListBlockReply, type ListBlockRequest } from '../analysis-thread/messages';
import { sharedArray, unpackContenders, type ListContenders, type ListTarget, type RelatedEngine } from '../related';
import { builtThread, postShare, startHelperThread } from './engine-thread';

/** The thread's young generation: it allocates only short-lived arrays (as the profile helper's). */
const YOUNG_MIB = 4;

/** Lists computed between two turns of the event loop in the lists phase (tens of milliseconds). */
export const LIST_STEP = 50;

/** Contenders of a step's lists, one per target (undefined where none was found). */
type Found = (ListContenders | undefined)[];

/**
 * Steps of lists asked of the helper. It goes through them in order; the thread that asked
 * computes the rest of the lists of each step it answered, and takes for itself (`steal`) steps
 * it has not started.
 */
export interface AskedSteps {
  /** Whether the helper answered the step. */
  answered(step: number): boolean;
  /** The helper's answer for the step (undefined when it was never sent: none of its lists could be). */
  answer(step: number): Promise<Found> | undefined;
  /** Takes a step the helper has not started (it then skips it); false when it has. */
  steal(step: number): boolean;
}

export interface ListHelper {
  /**
   * Asks the other core for the contenders of these steps' lists (a step's targets in order, as
   * `listTarget` gives them). The index must not change until every step is taken, or what the
   * helper found is of no use (`related` then finds them again).
   */
  ask(steps: (ListTarget | undefined)[][]): AskedSteps;
  /** Lists whose contenders the thread found. */
  readonly found: number;
  /** Stops the thread; what it was asked and has not answered resolves with none. */
  close(): Promise<void>;
}

/**
 * The other core's share of a rebuild's lists phase: the contenders of lists (most of their
 * arithmetic) are found on the engine thread from the index over shared memory, while this
 * thread does the rest of each list, and finds them itself for the steps the thread has not
 * started when it comes to them (it waits only when the thread has started every step left). Without the thread's
 * bundle, or once the thread failed, the engine finds them all: the same lists, only slower.
 */
export const createListHelper = (engine: RelatedEngine, script: string | undefined = builtThread()): ListHelper => {
  let worker: Worker | undefined;
  let broken = script === undefined;
  let found = 0;
  let next = 0;
  /** By locale: the generation of the share the thread holds. */
  const shared = new Map<string, number>();
  const waiting = new Map<number, (contenders: Found) => void>();

  const settleAll = (): void => {
    for (const resolve of waiting.values()) resolve([]);
    waiting.clear();
  };

  const fail = (): void => {
    broken = true;
    worker = undefined;
    settleAll();
  };

  const answer = (reply: ListBlockReply): Found => {
    if (!('contenders' in reply)) return [];
    const contenders = unpackContenders(reply.contenders);
    found += contenders.filter(Boolean).length;
    return contenders;
  };

  const thread = (): Worker => {
    worker ??= startHelperThread(script as string, engine.settings, YOUNG_MIB, 'list-block', {
      reply: (reply) => {
        const resolve = waiting.get(reply.id);
        waiting.delete(reply.id);
        resolve?.(answer(reply));
      },
      fail,
      current: () => worker,
    });
    return worker;
  };

  /** Whether the thread holds the current share of the locale (sent now if not); false when it cannot be shared. */
  const share = (target: Worker, locale: string): boolean => {
    const current = engine.listScoringShare(locale);
    if (!current) return false;
    if (shared.get(locale) !== current.generation) {
      postShare(target, { kind: 'list-share', share: current });
      shared.set(locale, current.generation);
    }
    return true;
  };

  /** Sends a step's targets the thread can find (their places in `sent`); its answer comes back spread over the step. */
  const send = (
    target: Worker,
    claims: Int32Array,
    claim: number,
    targets: (ListTarget | undefined)[],
    sendable: Map<string, boolean>,
  ): Promise<Found> | undefined => {
    const sent: number[] = [];
    targets.forEach((one, at) => {
      if (!one) return;
      if (!sendable.has(one.locale)) sendable.set(one.locale, share(target, one.locale));
      if (sendable.get(one.locale)) sent.push(at);
    });
    if (sent.length === 0) return undefined;
    const id = (next += 1);
    target.postMessage({ kind: 'list-block', id, claims, claim, targets: sent.map((at) => targets[at] as ListTarget) } satisfies ListBlockRequest);
    return new Promise<Found>((resolve) => {
      waiting.set(id, (contenders) => {
        const out: Found = targets.map(() => undefined);
        if (contenders.length > 0) sent.forEach((at, i) => (out[at] = contenders[i]));
        resolve(out);
      });
    });
  };

  return {
    get found() {
      return found;
    },
    ask(steps) {
      if (broken) return { answered: () => false, answer: () => undefined, steal: () => true };
      const target = thread();
      const claims = sharedArray(Int32Array, steps.length);
      const sendable = new Map<string, boolean>();
      const answered = steps.map(() => false);
      const replies = steps.map((targets, step) =>
        send(target, claims, step, targets, sendable)?.then((contenders) => {
          answered[step] = true;
          return contenders;
        }),
      );
      return {
        answered: (step) => answered[step],
        answer: (step) => replies[step],
        steal: (step) => Atomics.compareExchange(claims, step, 0, claimedByAsker) === 0,
      };
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      shared.clear();
      settleAll();
      engine.releaseListScoring();
      if (stopping) await stopping.terminate();
    },
  };
};

/** A batch's lists cut into steps, whose contenders the helper was asked for. */
export interface AskedLists<K> {
  steps: K[][];
  /** Each step's targets as they were asked. */
  targets: (ListTarget | undefined)[][];
  asked: AskedSteps;
}

/** Asks the helper for the contenders of `keys`' lists, `step` lists at a time, in order. */
export const askLists = <K>(keys: K[], step: number, helper: ListHelper, targets: (keys: K[]) => (ListTarget | undefined)[]): AskedLists<K> => {
  const steps: K[][] = [];
  for (let at = 0; at < keys.length; at += step) steps.push(keys.slice(at, at + step));
  const asked = steps.map((part) => targets(part));
  return { steps, targets: asked, asked: helper.ask(asked) };
};

/** Takes back every step of a batch the helper has not started: it skips them. */
export const withdrawLists = ({ steps, asked }: AskedLists<unknown>): void => steps.forEach((_, step) => asked.steal(step));

const sameTarget = (a: ListTarget | undefined, b: ListTarget | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.locale === b.locale &&
    a.generation === b.generation &&
    a.slot === b.slot &&
    a.limit === b.limit &&
    a.blocked.length === b.blocked.length &&
    a.blocked.every((slot, at) => slot === b.blocked[at]));

/**
 * Computes the lists of an asked batch, its steps with `pause` between them (requests are
 * answered), as a rebuild's lists phase does. This thread finishes the steps the helper answered,
 * first come first served; with none answered it takes the last step the helper has not started,
 * so that neither waits while the other works; it waits only once the helper has started every
 * step left. The batch may have been asked ahead, while the previous one was computed: contenders
 * found for a target that is no longer the list's (its rules changed) are not used. The lists
 * come back in the order of the batch's keys. Nothing may change the index until it resolves.
 */
export const listsInSteps = async <K, T>(
  batch: AskedLists<K>,
  work: { targets: (keys: K[]) => (ListTarget | undefined)[]; lists: (keys: K[], contenders: Found) => T[]; pause: () => Promise<unknown> },
): Promise<T[]> => {
  const { steps, asked } = batch;
  const left = steps.map((_, at) => at);
  const lists: T[][] = [];
  while (left.length > 0) {
    if (left.length < steps.length) await work.pause();
    let at = left.findIndex((step) => asked.answered(step));
    let stolen = false;
    for (let last = left.length - 1; at < 0 && last >= 0; last -= 1) {
      if (asked.steal(left[last])) [at, stolen] = [last, true];
    }
    // The helper is on every step left: the first is the first it answers.
    if (at < 0) at = 0;
    const [step] = left.splice(at, 1);
    let found = stolen ? [] : ((await asked.answer(step)) ?? []);
    if (found.length > 0) {
      const now = work.targets(steps[step]);
      found = found.map((contenders, i) => (sameTarget(now[i], batch.targets[step][i]) ? contenders : undefined));
    }
    lists[step] = work.lists(steps[step], found);
  }
  return lists.flat();
};
