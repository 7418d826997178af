import type { Knex } from 'knex';
import { RANKING_TABLES } from './tables';

const NAME = 'rankings';

/**
 * The recompute's lock, held in the database so that instances agree: a conditional update
 * claims it (atomic on every database: of two instances, one updates the row), a lease frees it
 * if its holder dies, and the tick number it records lets each scheduled tick run once.
 */
export const createRankingLock = (db: () => Knex, owner: string) => {
  const free = (query: Knex.QueryBuilder, now: number) => query.where({ name: NAME }).andWhere('lease_until', '<', now);

  const ensure = async (): Promise<void> => {
    await db()(RANKING_TABLES.lock).insert({ name: NAME, tick: -1, owner: null, lease_until: 0 }).onConflict('name').ignore();
  };

  /** Claims the scheduled tick `tick`, unless any instance already ran it or holds the lock. */
  const claimTick = async (tick: number, now: number, leaseMs: number): Promise<boolean> =>
    (await free(db()(RANKING_TABLES.lock), now)
      .andWhere('tick', '<', tick)
      .update({ tick, owner, lease_until: now + leaseMs })) > 0;

  /** Claims the lock outside the schedule ("recompute now"), unless another run holds it. */
  const claim = async (now: number, leaseMs: number): Promise<boolean> =>
    (await free(db()(RANKING_TABLES.lock), now).update({ owner, lease_until: now + leaseMs })) > 0;

  const release = async (): Promise<void> => {
    await db()(RANKING_TABLES.lock).where({ name: NAME, owner }).update({ owner: null, lease_until: 0 });
  };

  return { ensure, claimTick, claim, release };
};
