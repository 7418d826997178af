import { randomBytes } from 'crypto';
import type { Knex } from 'knex';
import { COUNTER_TABLES } from './tables';

const DAY_MS = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * The daily salt of visitor hashes: random, created by whichever instance needs it first (the
 * insert is ignored when another instance won), read back so every instance uses the same one.
 * Salts older than yesterday are deleted: old hashes can then no longer be recomputed.
 */
export const createSaltStore = (db: () => Knex, now: () => number) => {
  const cache = new Map<string, string>();

  const load = async (day: string): Promise<string> => {
    await db()(COUNTER_TABLES.salts)
      .insert({ day, salt: randomBytes(32).toString('base64url') })
      .onConflict('day')
      .ignore();
    const row: { salt: string } | undefined = await db()(COUNTER_TABLES.salts).first('salt').where({ day });
    if (!row) throw new Error(`[newsroom] the visitor salt of ${day} could not be stored`);
    cache.set(day, row.salt);
    return row.salt;
  };

  /** Today's salt when it is already in memory: the beacon's path reads no database. */
  const cached = (): string | undefined => cache.get(dayOf(now()));

  const today = async (): Promise<string> => cached() ?? load(dayOf(now()));

  /** Loads today's and tomorrow's salts ahead of time and forgets the old ones. */
  const prepare = async (): Promise<void> => {
    const time = now();
    const keep = new Set([dayOf(time - DAY_MS), dayOf(time), dayOf(time + DAY_MS)]);
    for (const day of [dayOf(time), dayOf(time + DAY_MS)]) if (!cache.has(day)) await load(day);
    for (const day of cache.keys()) if (!keep.has(day)) cache.delete(day);
    await db()(COUNTER_TABLES.salts)
      .where('day', '<', dayOf(time - DAY_MS))
      .delete();
  };

  return { cached, today, prepare };
};
