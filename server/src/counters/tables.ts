import type { Knex } from 'knex';
import { createIfMissing } from '../database/tables';

/**
 * The counters' own tables, created by the plugin at start-up like the related-links tables:
 * composite keys and `insert ... on conflict` upserts, never rows of the Article (see README).
 */
export const COUNTER_TABLES = {
  buckets: 'newsroom_counter_buckets',
  totals: 'newsroom_counter_totals',
  reactions: 'newsroom_counter_reactions',
  salts: 'newsroom_counter_salts',
} as const;

export const ensureCounterTables = async (knex: Knex): Promise<void> => {
  // One row per article, locale, metric (view or reaction), reaction kind ('' for views) and hour.
  await createIfMissing(knex, COUNTER_TABLES.buckets, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('metric', 16).notNullable();
    table.string('kind', 32).notNullable();
    table.integer('hour').notNullable();
    table.bigInteger('count').notNullable();
    table.primary(['document_id', 'locale', 'metric', 'kind', 'hour']);
    // Rankings sum a metric over the hours of a window.
    table.index(['metric', 'hour']);
  });

  await createIfMissing(knex, COUNTER_TABLES.totals, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('metric', 16).notNullable();
    table.string('kind', 32).notNullable();
    table.bigInteger('count').notNullable();
    table.primary(['document_id', 'locale', 'metric', 'kind']);
  });

  // One row per reaction a visitor gave: what makes "one reaction of a kind per visitor" durable.
  await createIfMissing(knex, COUNTER_TABLES.reactions, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('kind', 32).notNullable();
    table.string('visitor_hash', 64).notNullable();
    table.integer('hour').notNullable();
    table.primary(['document_id', 'locale', 'kind', 'visitor_hash']);
  });

  // The day's random salt of visitor hashes, shared by every instance, deleted after two days.
  await createIfMissing(knex, COUNTER_TABLES.salts, (table) => {
    table.string('day', 10).notNullable().primary();
    table.string('salt', 64).notNullable();
  });
};
