import type { Knex } from 'knex';
import { exactStrings } from './dialect';

/** Creates one of the plugin's own tables unless it exists; its strings compare exactly on every database. */
export const createIfMissing = async (knex: Knex, name: string, build: (table: Knex.CreateTableBuilder) => void): Promise<void> => {
  if (!(await knex.schema.hasTable(name)))
    await knex.schema.createTable(name, (table) => {
      exactStrings(knex, table);
      build(table);
    });
};
