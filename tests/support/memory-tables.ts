import knexFactory, { type Knex } from 'knex';
import { ensureTables } from '../../server/src/index-store/tables';

/**
 * Each test of the calling file gets a fresh in-memory SQLite database holding the plugin's
 * tables: the real queue, rebuild and stores, without a Strapi instance. Returns its accessor.
 */
export const useMemoryTables = (): (() => Knex) => {
  let knex: Knex | undefined;
  beforeEach(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await ensureTables(knex);
  });
  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });
  return () => {
    if (!knex) throw new Error('the in-memory tables exist only while a test runs');
    return knex;
  };
};
