import type { Knex } from 'knex';
import { yieldToRequests } from '../event-loop/yield-to-requests';
import type { ClaimedJob, JobQueue } from './queue';

export interface WorkerOptions {
  pollIntervalMs: number;
  batchSize: number;
  leaseMs: number;
}

export interface WorkerLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A job's run: done, or `'postponed'` when it cannot run well now (the work a running rebuild is
 * about to do comes first): it goes back to the queue, forced, and is claimed again at a later
 * pass.
 */
export type JobRun = (job: ClaimedJob) => Promise<'postponed' | void>;

/**
 * Extra work the worker runs on each tick after the queue is drained (the rebuild's batches);
 * `keep` extends this instance's right to work, for tasks that run long. True while there is
 * more to do.
 */
export type TickTask = (keep: () => Promise<boolean>) => Promise<boolean>;

/** Who may work now, across instances: a pass starts with `enter` and holds on with `keep`. */
export interface WorkGate {
  /** Takes the right to work (and catches up with the others' work); false if another has it. */
  enter(): Promise<boolean>;
  /** Extends the right before each job or batch; false if it was lost. */
  keep(): Promise<boolean>;
  leave(): Promise<void>;
}

/**
 * Runs queued jobs outside any request: on a timer, and at once when a save wakes it. One pass
 * at a time per process; leases keep instances from running the same job.
 */
export const createWorker = (db: () => Knex, queue: JobQueue, run: JobRun, options: WorkerOptions, log: WorkerLog, tasks: TickTask[], gate: WorkGate) => {
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let again = false;
  let stopping = false;

  /** Runs a job; false when it was postponed. */
  const runJob = async (job: ClaimedJob): Promise<boolean> => {
    try {
      if ((await run(job)) === 'postponed') {
        await queue.postpone(db(), job);
        return false;
      }
      await queue.complete(db(), job);
    } catch (error) {
      const { willRetry } = await queue.fail(db(), job, error);
      const message = error instanceof Error ? error.message : String(error);
      const what = `related links for article ${job.documentId} (${job.locale})`;
      if (willRetry) log.warn(`[newsroom] ${what} failed, will retry: ${message}`);
      else log.error(`[newsroom] ${what} failed for good after ${job.attempts + 1} attempts: ${message}`);
    }
    return true;
  };

  const work = async (): Promise<void> => {
    do {
      again = false;
      let claimed: ClaimedJob[];
      let ran: number;
      do {
        claimed = await queue.claim(db(), options.batchSize, options.leaseMs);
        ran = 0;
        for (const job of claimed) {
          // A job claimed but not run is released by its lease and run by whoever works next.
          if (!(await gate.keep())) return;
          if (await runJob(job)) ran += 1;
          await yieldToRequests();
        }
        // Claims that find only postponed jobs would find them again: the tasks go first.
      } while (ran > 0 && !stopping);
      for (const task of tasks) {
        if (stopping || !(await gate.keep())) return;
        if (await task(gate.keep)) again = true;
        await yieldToRequests();
      }
    } while (again && !stopping);
  };

  const drain = async (): Promise<void> => {
    if (!(await gate.enter())) return;
    try {
      await work();
    } finally {
      await gate.leave();
    }
  };

  const tick = (): Promise<void> => {
    if (pass) {
      again = true;
      // The pass may already be past its last look at `again`: then one more pass answers.
      return pass.then(() => (again && !stopping ? tick() : undefined));
    }
    pass = drain()
      .catch((error: unknown) => log.error(`[newsroom] related-links worker: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        pass = undefined;
      });
    return pass;
  };

  /** Runs `task` alone in this process and across instances, between two passes. */
  const exclusive = async <T>(task: () => Promise<T>): Promise<T> => {
    while (pass) await pass;
    const run = (async () => {
      if (!(await gate.enter())) throw new Error('another instance is computing related links now; try again in a moment');
      try {
        return await task();
      } finally {
        await gate.leave();
      }
    })();
    pass = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      pass = undefined;
    }
  };

  return {
    exclusive,
    start(): void {
      stopping = false;
      timer = setInterval(() => void tick(), options.pollIntervalMs);
      timer.unref();
      void tick();
    },
    /** Runs a pass now, or after the current one; resolves when the queue is empty (after a save, and by tests). */
    wake: tick,
    async idle(): Promise<void> {
      while (pass) await pass;
    },
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      while (pass) await pass;
    },
  };
};

export type Worker = ReturnType<typeof createWorker>;
