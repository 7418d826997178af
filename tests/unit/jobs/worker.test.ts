import { createJobQueue } from '../../../server/src/jobs/queue';
import { createWorker, type WorkGate } from '../../../server/src/jobs/worker';
import { useMemoryTables } from '../../support/memory-tables';

const options = { pollIntervalMs: 60_000, batchSize: 10, leaseMs: 30_000 };
const log = { warn: () => undefined, error: () => undefined };

const db = useMemoryTables();

/** A gate whose first `leave` waits until the test lets it go: a pass that is about to end. */
const heldGate = () => {
  let leaving: () => void = () => undefined;
  let release: () => void = () => undefined;
  const left = new Promise<void>((resolve) => (leaving = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const gate: WorkGate = {
    enter: async () => true,
    keep: async () => true,
    leave: () => {
      leaving();
      return released;
    },
  };
  return { gate, left, release };
};

describe('worker', () => {
  it('runs the queued jobs and the tick tasks in one pass', async () => {
    const queue = createJobQueue('test', { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 });
    await queue.enqueue(db(), [
      { documentId: 'a', locale: 'en' },
      { documentId: 'b', locale: 'en' },
    ]);
    const ran: string[] = [];
    let taskRuns = 0;
    const gate: WorkGate = { enter: async () => true, keep: async () => true, leave: async () => undefined };
    const worker = createWorker(db, queue, async (job) => void ran.push(job.documentId), options, log, [async () => (taskRuns++, false)], gate);
    await worker.wake();
    expect(ran.sort()).toEqual(['a', 'b']);
    expect(taskRuns).toBe(1);
    expect((await queue.counts(db())).pending).toBe(0);
  });

  it('a wake that arrives while a pass is ending is answered by a pass that starts after it', async () => {
    const queue = createJobQueue('test', { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 });
    const ran: string[] = [];
    let taskRuns = 0;
    const { gate, left, release } = heldGate();
    const worker = createWorker(db, queue, async (job) => void ran.push(job.documentId), options, log, [async () => (taskRuns++, false)], gate);
    const first = worker.wake();
    // The first pass has checked the queue and its tasks and is leaving: new work arrives now.
    await left;
    await queue.enqueue(db(), [{ documentId: 'late', locale: 'en' }]);
    const second = worker.wake();
    release();
    await first;
    await second;
    expect(ran).toEqual(['late']);
    expect(taskRuns).toBe(2);
  });

  it('puts a postponed job back, forced, goes on to its tasks, and runs the job at a later pass', async () => {
    const queue = createJobQueue('test', { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 });
    await queue.enqueue(db(), [
      { documentId: 'waits', locale: 'en' },
      { documentId: 'runs', locale: 'en' },
    ]);
    let busy = true;
    const ran: string[] = [];
    const claims: Array<{ documentId: string; attempts: number; force: boolean }> = [];
    let taskRuns = 0;
    const gate: WorkGate = { enter: async () => true, keep: async () => true, leave: async () => undefined };
    const run = async (job: { documentId: string; attempts: number; force: boolean }): Promise<'postponed' | void> => {
      claims.push({ documentId: job.documentId, attempts: job.attempts, force: job.force });
      if (busy && job.documentId === 'waits') return 'postponed';
      ran.push(job.documentId);
    };
    const worker = createWorker(db, queue, run, options, log, [async () => (taskRuns++, false)], gate);
    await worker.wake();
    expect(ran).toEqual(['runs']);
    expect(taskRuns).toBe(1);
    expect(await queue.counts(db())).toMatchObject({ pending: 1, failed: 0 });
    busy = false;
    await worker.wake();
    expect(ran).toEqual(['runs', 'waits']);
    expect(await queue.counts(db())).toMatchObject({ pending: 0, failed: 0 });
    // Postponing is not failing: no attempt was counted. Claimed again in the first pass (another
    // job ran), postponed again; then run, forced.
    expect(claims.every(({ attempts }) => attempts === 0)).toBe(true);
    expect(claims.filter(({ documentId }) => documentId === 'waits').map(({ force }) => force)).toEqual([false, true, true]);
  });
});
