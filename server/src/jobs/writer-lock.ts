import type { Knex } from 'knex';
import { TABLES } from '../index-store/tables';

const NAME = 'related-writer';

/**
 * The right to compute and store related lists, held by one instance at a time under a lease:
 * claimed (or extended) by a conditional update, atomic on every database; a dead holder's
 * lease runs out.
 */
export const createWriterLock = (db: () => Knex, owner: string, leaseMs: number) => ({
  async ensure(): Promise<void> {
    await db()(TABLES.lock).insert({ name: NAME, owner: null, lease_until: 0 }).onConflict('name').ignore();
  },

  async hold(now = Date.now()): Promise<boolean> {
    return (
      (await db()(TABLES.lock)
        .where({ name: NAME })
        .andWhere((query) => query.where('lease_until', '<', now).orWhere('owner', owner))
        .update({ owner, lease_until: now + leaseMs })) > 0
    );
  },

  async release(): Promise<void> {
    await db()(TABLES.lock).where({ name: NAME, owner }).update({ owner: null, lease_until: 0 });
  },
});

export type WriterLock = ReturnType<typeof createWriterLock>;
