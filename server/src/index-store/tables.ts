import type { Knex } from 'knex';
import { createIndexIfMissing, dropIndexIfExists, isMysql } from '../database/dialect';
import { createIfMissing } from '../database/tables';

/**
 * The plugin's own tables. They hold computed data only, never editorial content, and are
 * created by the plugin rather than declared as content types: they need composite keys,
 * upserts and batch writes, and must never show up in the content manager or the REST API.
 * Strapi's schema sync leaves tables it did not create alone.
 */
export const TABLES = {
  jobs: 'newsroom_related_jobs',
  profiles: 'newsroom_related_profiles',
  vectors: 'newsroom_related_vectors',
  links: 'newsroom_related_links',
  stories: 'newsroom_related_stories',
  rebuilds: 'newsroom_related_rebuilds',
  changes: 'newsroom_related_changes',
  lock: 'newsroom_related_lock',
} as const;

/** The links' "which lists show this article" index (knex's default name for it). */
const LINKS_TARGET_INDEX = 'newsroom_related_links_target_document_id_locale_index';

/**
 * A rebuild rewrites every list: a million inserts in random order into the target index cost
 * more than all its other writes together, while building the index once at the end takes
 * seconds. Meanwhile "which lists show this article" scans the table.
 */
export const dropLinksTargetIndex = async (knex: Knex): Promise<void> => {
  await dropIndexIfExists(knex, TABLES.links, LINKS_TARGET_INDEX);
};

export const ensureLinksTargetIndex = async (knex: Knex): Promise<void> => {
  await createIndexIfMissing(knex, TABLES.links, LINKS_TARGET_INDEX, ['target_document_id', 'locale']);
};

/**
 * The first link of every list: the lists are counted from it. Partial, so it costs a tenth of
 * the links' writes; MySQL and MariaDB have no partial indexes (there the count reads the table,
 * in the connection pool, not in the app's thread).
 */
const LINKS_HEADS_INDEX = 'newsroom_related_links_heads_index';

const ensureLinksHeadsIndex = async (knex: Knex): Promise<void> => {
  if (!isMysql(knex))
    await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (??, ??) WHERE ?? = 0', [LINKS_HEADS_INDEX, TABLES.links, 'document_id', 'locale', 'position']);
};

/**
 * The stored profiles' stamps, for the consistency check's one-row aggregate (every 30 s by
 * default): read from the table, it went over every stored profile, 2.2 s in the app's thread at
 * a million articles on SQLite.
 */
const PROFILE_STAMPS_INDEX = 'newsroom_related_profiles_stamps_index';

/**
 * When each profile was last written, with its key: the end of a rebuild's index phase drops
 * those it did not write again from a range of it. Read from the table, that went over every
 * stored profile (4 GB at a million articles) in the app's thread on SQLite.
 */
const PROFILE_INDEXED_INDEX = 'newsroom_related_profiles_indexed_index';

/** Jobs by whether they failed and until when they are leased: the running ones are counted from it. */
const JOBS_LEASE_INDEX = 'newsroom_related_jobs_lease_index';

/** Columns added after a table's first release: databases created by an older version get them too. */
const addIfMissing = async (knex: Knex, name: string, column: string, build: (table: Knex.AlterTableBuilder) => void) => {
  if (!(await knex.schema.hasColumn(name, column))) await knex.schema.alterTable(name, build);
};

export const ensureTables = async (knex: Knex): Promise<void> => {
  await createIfMissing(knex, TABLES.jobs, (table) => {
    table.increments('id').primary();
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    // Bumped by every enqueue: a job saved again while it runs is run once more.
    table.integer('generation').notNullable().defaultTo(1);
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('run_after').notNullable();
    table.string('lease_owner', 64).nullable();
    table.bigInteger('lease_until').nullable();
    table.boolean('failed').notNullable().defaultTo(false);
    table.text('last_error').nullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['document_id', 'locale']);
    table.index(['failed', 'run_after']);
  });

  // "Recompute now" asked on an instance without the index: the worker recomputes the list even
  // if the article did not change.
  await addIfMissing(knex, TABLES.jobs, 'force', (table) => {
    table.boolean('force').notNullable().defaultTo(false);
  });
  await createIndexIfMissing(knex, TABLES.jobs, JOBS_LEASE_INDEX, ['failed', 'lease_until']);

  await createIfMissing(knex, TABLES.profiles, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    // A SHA-1 of the indexed content (see `stamps.ts`): a different hash means the index is stale.
    table.string('source_version', 40).notNullable();
    // MySQL's `text` holds 64 KiB; a long article's profile can be more.
    table.text('profile', 'mediumtext').notNullable();
    table.bigInteger('indexed_at').notNullable();
    table.primary(['document_id', 'locale']);
  });

  // The published row each profile was read from (see `stamps.ts`): null for profiles stored by
  // an older version, which the next reconciliation treats as changed.
  await addIfMissing(knex, TABLES.profiles, 'source_row_id', (table) => {
    table.bigInteger('source_row_id').nullable();
    table.bigInteger('source_updated_at').nullable();
  });

  // Apart from the profiles: a rebuild's second pass writes every vector, and an update of a
  // column rewrites the whole row, profile included.
  await createIfMissing(knex, TABLES.vectors, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.text('vector', 'mediumtext').notNullable();
    table.primary(['document_id', 'locale']);
  });

  await createIfMissing(knex, TABLES.links, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.integer('position').notNullable();
    table.string('target_document_id', 64).notNullable();
    table.double('score').notNullable();
    table.boolean('pinned').notNullable().defaultTo(false);
    table.text('reasons').notNullable();
    table.primary(['document_id', 'locale', 'position']);
  });
  // Added with stories: the link is to an article of the list's own story.
  await addIfMissing(knex, TABLES.links, 'same_story', (table) => {
    table.boolean('same_story').notNullable().defaultTo(false);
  });

  // The story of each article that shares one with others (an article alone has no row): the
  // story is named after its earliest article's document id, in the article's locale.
  await createIfMissing(knex, TABLES.stories, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('story_id', 64).notNullable();
    table.primary(['document_id', 'locale']);
    table.index(['story_id', 'locale']);
  });

  // Every profile or vector an instance stores, in order: the other instances replay it into
  // their in-memory index before they compute anything.
  await createIfMissing(knex, TABLES.changes, (table) => {
    table.increments('id').primary();
    table.string('document_id', 64).notNullable();
    table.string('locale', 32).notNullable();
    table.string('owner', 64).notNullable();
    table.bigInteger('created_at').notNullable();
    table.index(['created_at']);
  });
  // `job` for a save's recompute, `rebuild` for a rebuild's batches: only the former make the
  // lists drift from what a rebuild gives (see `jobs/refresh.ts`).
  await addIfMissing(knex, TABLES.changes, 'source', (table) => {
    table.string('source', 16).notNullable().defaultTo('job');
    table.index(['source', 'id']);
  });

  // Leases: one instance computes lists at a time (so no list is computed from an index missing
  // a save), one saves settings at a time.
  await createIfMissing(knex, TABLES.lock, (table) => {
    table.string('name', 32).notNullable().primary();
    table.string('owner', 64).nullable();
    table.bigInteger('lease_until').notNullable();
  });

  await createIfMissing(knex, TABLES.rebuilds, (table) => {
    table.increments('id').primary();
    table.string('status', 16).notNullable();
    table.string('phase', 16).notNullable();
    table.integer('total').notNullable().defaultTo(0);
    table.integer('done').notNullable().defaultTo(0);
    table.string('cursor', 100).nullable();
    table.string('lease_owner', 64).nullable();
    table.bigInteger('lease_until').nullable();
    table.text('error').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
  });
  // `full` re-reads every article; `refresh` recomputes every profile and list from the index.
  await addIfMissing(knex, TABLES.rebuilds, 'kind', (table) => {
    table.string('kind', 16).notNullable().defaultTo('full');
  });
  // The last change of the feed when the lists phase began: later job changes mean drift.
  await addIfMissing(knex, TABLES.rebuilds, 'lists_from_change', (table) => {
    table.integer('lists_from_change').nullable();
  });
  // A hash of the related settings the rebuild was asked under: an instance still on others (a
  // settings save elsewhere it has not followed yet) leaves it to one that runs them.
  await addIfMissing(knex, TABLES.rebuilds, 'settings_hash', (table) => {
    table.string('settings_hash', 40).nullable();
  });

  // "Which lists is this article in?" when it is unpublished or deleted. A rebuild drops it while
  // it rewrites every list and makes it again at its end, or when it fails; made here when a
  // rebuild stopped without either. Not while one runs: on MySQL and MariaDB, making it beside
  // the rebuild's writes is a metadata-lock deadlock, and the rebuild makes it anyway.
  const latest = (await knex(TABLES.rebuilds).orderBy('id', 'desc').first('status')) as { status: string } | undefined;
  if (latest?.status !== 'running') {
    await ensureLinksTargetIndex(knex);
    await ensureLinksHeadsIndex(knex);
    // The same: a rebuild's index phase writes every profile.
    await createIndexIfMissing(knex, TABLES.profiles, PROFILE_STAMPS_INDEX, ['source_row_id', 'source_updated_at']);
    await createIndexIfMissing(knex, TABLES.profiles, PROFILE_INDEXED_INDEX, ['indexed_at', 'document_id', 'locale']);
  }
};
