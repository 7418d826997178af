import { createJobQueue } from '../../../server/src/jobs/queue';
import { useMemoryTables } from '../../support/memory-tables';
import { sqlitePlan, statementsDuring } from '../../support/query-plans';

const db = useMemoryTables();
const queue = createJobQueue('instance-a', { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 });
const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ documentId: `doc-${i}`, locale: 'en' }));

describe('the job queue read at a large backlog', () => {
  it('claims jobs found again by their ids, not by a scan of the queue for its lease token', async () => {
    await queue.enqueue(db(), keys(5), 1_000);
    const statements = await statementsDuring(db(), async () => {
      expect((await queue.claim(db(), 3, 60_000, 2_000)).map((job) => job.documentId)).toEqual(['doc-0', 'doc-1', 'doc-2']);
    });

    const read = statements.filter(({ sql }) => sql.includes('`lease_owner` = ?') && sql.startsWith('select'));
    expect(read).toHaveLength(1);
    expect(await sqlitePlan(db(), read[0])).toEqual([expect.stringMatching(/^SEARCH newsroom_related_jobs USING INTEGER PRIMARY KEY \(rowid=\?\)/)]);
  });

  it('tells whether a job waits or runs from one row of an index, failed jobs left out', async () => {
    expect(await queue.hasOpen(db())).toBe(false);
    await queue.enqueue(db(), keys(2), 1_000);
    const [job] = await queue.claim(db(), 1, 60_000, 2_000);
    await queue.fail(db(), job, new Error('gone for good'), 3_000);
    expect(await queue.hasOpen(db())).toBe(true);
    const [other] = await queue.claim(db(), 1, 60_000, 4_000);
    // Running is open too.
    expect(await queue.hasOpen(db())).toBe(true);
    await queue.complete(db(), other);
    // Only the failed job is left.
    expect(await queue.hasOpen(db())).toBe(false);

    const statements = await statementsDuring(db(), () => queue.hasOpen(db()));
    expect(await sqlitePlan(db(), statements[0])).toEqual([
      expect.stringMatching(/^SEARCH newsroom_related_jobs USING (COVERING )?INDEX newsroom_related_jobs_(failed_run_after|lease)_index \(failed=\?\)/),
    ]);
  });

  it('counts failed, running and waiting jobs from indexes alone, never the rows of the queue', async () => {
    await queue.enqueue(db(), keys(4), 1_000);
    const [failing] = await queue.claim(db(), 1, 60_000, 2_000);
    await queue.fail(db(), failing, new Error('gone for good'), 3_000);
    await queue.claim(db(), 1, 60_000, 4_000);
    expect(await queue.counts(db(), 5_000)).toEqual({ failed: 1, running: 1, pending: 2 });
    // A lease that ran out is waiting again.
    expect(await queue.counts(db(), 100_000)).toEqual({ failed: 1, running: 0, pending: 3 });

    const statements = await statementsDuring(db(), () => queue.counts(db(), 5_000));
    expect(statements).toHaveLength(3);
    for (const statement of statements)
      expect(await sqlitePlan(db(), statement)).toEqual([expect.stringMatching(/^SEARCH newsroom_related_jobs USING COVERING INDEX /)]);
  });
});
