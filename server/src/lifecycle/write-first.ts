import type { Knex } from 'knex';
import { TABLES } from '../index-store/tables';

/**
 * On SQLite, makes the transaction a writer before the save reads anything. A transaction that
 * reads first and writes later fails at once (`SQLITE_BUSY`, no waiting) when another process
 * committed in between, as the worker of a second instance does; a writer from the start waits
 * for the lock instead. The update matches no row: it only takes the write lock.
 */
export const writeFirst = async (trx: Knex.Transaction): Promise<void> => {
  const client = String((trx.client as { config?: { client?: unknown } }).config?.client ?? '');
  if (client.includes('sqlite')) await trx(TABLES.jobs).where('id', '<', 0).update({ attempts: 0 });
};
