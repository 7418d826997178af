import { createFlushGate } from '../../../server/src/counters/flush-gate';

/** A task that runs until released, noting when it starts and ends. */
const held = (log: string[], name: string) => {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async (): Promise<string> => {
    log.push(`${name} starts`);
    await released;
    log.push(`${name} ends`);
    return name;
  };
  return { task, release };
};

const turns = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('the counters flush gate', () => {
  it('lets reads run side by side, and a write wait for the reads under way', async () => {
    const gate = createFlushGate();
    const log: string[] = [];
    const [first, second, flush] = [held(log, 'read 1'), held(log, 'read 2'), held(log, 'flush')];
    const reads = [gate.read(first.task), gate.read(second.task)];
    const written = gate.write(flush.task);
    await turns();
    expect(log).toEqual(['read 1 starts', 'read 2 starts']);
    first.release();
    await turns();
    expect(log).not.toContain('flush starts');
    second.release();
    flush.release();
    expect(await Promise.all([...reads, written])).toEqual(['read 1', 'read 2', 'flush']);
    expect(log.indexOf('flush starts')).toBeGreaterThan(log.indexOf('read 2 ends'));
  });

  it('holds reads that arrive while a write waits or runs until it ends, so reads never hold a flush back', async () => {
    const gate = createFlushGate();
    const log: string[] = [];
    const [first, flush, later] = [held(log, 'read 1'), held(log, 'flush'), held(log, 'read 2')];
    const firstRead = gate.read(first.task);
    const written = gate.write(flush.task);
    const laterRead = gate.read(later.task);
    await turns();
    first.release();
    await turns();
    expect(log).toEqual(['read 1 starts', 'read 1 ends', 'flush starts']);
    later.release();
    flush.release();
    await Promise.all([firstRead, written, laterRead]);
    expect(log).toEqual(['read 1 starts', 'read 1 ends', 'flush starts', 'flush ends', 'read 2 starts', 'read 2 ends']);
  });

  it('runs writes one at a time, and a failed write lets the next one run', async () => {
    const gate = createFlushGate();
    const log: string[] = [];
    const second = held(log, 'flush 2');
    const failed = gate.write(async () => {
      log.push('flush 1 starts');
      await turns();
      throw new Error('the database is gone');
    });
    const next = gate.write(second.task);
    await expect(failed).rejects.toThrow('the database is gone');
    await turns();
    second.release();
    expect(await next).toBe('flush 2');
    expect(log).toEqual(['flush 1 starts', 'flush 2 starts', 'flush 2 ends']);
  });
});
