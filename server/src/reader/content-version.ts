import type { Knex } from 'knex';
import { createIfMissing } from '../database/tables';

const TABLE = 'newsroom_content_version';

const read = async (db: () => Knex): Promise<number> => {
  const row: { version: number | string } | undefined = await db()(TABLE).first('version').where({ id: 1 });
  return Number(row?.version ?? 0);
};

/**
 * One shared counter that every instance bumps after anything that changes the content API's
 * answers, and polls: an instance that sees it move clears its answer cache, so a save made on
 * another instance shows here within one poll, without a query per request.
 */
export const createContentVersion = (db: () => Knex) => ({
  read: (): Promise<number> => read(db),

  async ensure(): Promise<void> {
    await createIfMissing(db(), TABLE, (table) => {
      table.integer('id').primary();
      table.bigInteger('version').notNullable();
    });
    await db()(TABLE).insert({ id: 1, version: 0 }).onConflict('id').ignore();
  },

  /** Moves the version on; answers the version read right after. */
  async bump(): Promise<number> {
    await db()(TABLE).where({ id: 1 }).increment('version', 1);
    return read(db);
  },
});
