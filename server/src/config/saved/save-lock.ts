import type { Knex } from 'knex';
import { createLeaseLock } from '../../database/lease-lock';
import { AnsweredError } from '../../errors/answered-error';
import { TABLES } from '../../index-store/tables';

const RETRY_MS = 200;

/** A save waited longer than a lease for another instance's: answered with a `409`; nothing was stored. */
export class SettingsBusyError extends AnsweredError {
  constructor(message: string) {
    super('SettingsBusyError', message, 409, { retryAfterSeconds: 5 });
  }
}

/**
 * Runs saves of the settings one at a time across instances: a save reads the stored patch and
 * writes it back with its own change, and two at once on two instances would keep only the
 * later. The lease is extended while a save runs (a related change restarts the index); a save
 * waits for another's at most one lease.
 */
export const createSaveLock =
  (db: () => Knex, owner: string) =>
  async <T>(leaseMs: number, task: () => Promise<T>): Promise<T> => {
    const lock = createLeaseLock(db, TABLES.lock, 'settings-save', owner, leaseMs);
    await lock.ensure();
    const deadline = Date.now() + leaseMs;
    while (!(await lock.hold())) {
      if (Date.now() >= deadline) throw new SettingsBusyError('Another instance is saving the settings: try again in a moment.');
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    const extend = setInterval(() => void lock.hold().catch(() => undefined), leaseMs / 3);
    try {
      return await task();
    } finally {
      clearInterval(extend);
      await lock.release();
    }
  };
