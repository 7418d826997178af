import type { Knex } from 'knex';

/**
 * A right held by one instance at a time under a lease, in a row (name, owner, lease_until) of
 * `table`: claimed or extended by a conditional update, atomic on every database; a dead
 * holder's lease runs out.
 */
export const createLeaseLock = (db: () => Knex, table: string, name: string, owner: string, leaseMs: number) => ({
  async ensure(): Promise<void> {
    await db()(table).insert({ name, owner: null, lease_until: 0 }).onConflict('name').ignore();
  },

  async hold(now = Date.now()): Promise<boolean> {
    return (
      (await db()(table)
        .where({ name })
        .andWhere((query) => query.where('lease_until', '<', now).orWhere('owner', owner))
        .update({ owner, lease_until: now + leaseMs })) > 0
    );
  },

  async release(): Promise<void> {
    await db()(table).where({ name, owner }).update({ owner: null, lease_until: 0 });
  },
});
