import type { Knex } from 'knex';
import { createIfMissing } from '../database/tables';

/** The computed rankings and the lock of their recompute, created by the plugin at start-up. */
export const RANKING_TABLES = {
  lists: 'newsroom_ranking_lists',
  entries: 'newsroom_ranking_entries',
  lock: 'newsroom_ranking_lock',
} as const;

export const ensureRankingTables = async (knex: Knex): Promise<void> => {
  // One row per ranking and locale: what the entries were computed from, and their ETag.
  await createIfMissing(knex, RANKING_TABLES.lists, (table) => {
    table.string('ranking_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('slug', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('window', 8).notNullable();
    table.string('etag', 64).notNullable();
    table.bigInteger('computed_at').notNullable();
    table.primary(['ranking_id', 'locale']);
    table.index(['slug', 'locale']);
  });

  // The entries as served, with the article fields a site shows, so a read joins nothing.
  await createIfMissing(knex, RANKING_TABLES.entries, (table) => {
    table.string('ranking_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.integer('position').notNullable();
    table.string('article_id', 64).notNullable();
    table.string('title', 255).notNullable();
    table.string('slug', 255).notNullable();
    table.string('section_id', 64).nullable();
    table.string('section_slug', 255).nullable();
    table.string('section_name', 255).nullable();
    table.string('publication_date', 32).nullable();
    table.boolean('pinned').notNullable();
    table.double('figure').nullable();
    table.primary(['ranking_id', 'locale', 'position']);
  });

  // A single row: which scheduled tick ran last, and who holds the recompute until when.
  await createIfMissing(knex, RANKING_TABLES.lock, (table) => {
    table.string('name', 32).notNullable().primary();
    table.bigInteger('tick').notNullable();
    table.string('owner', 64).nullable();
    table.bigInteger('lease_until').notNullable();
  });
};
