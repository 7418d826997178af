import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';

/**
 * The database a test instance runs on. `TEST_DATABASE=postgres` runs every integration test on
 * PostgreSQL, `TEST_DATABASE=mysql` on MySQL or MariaDB (a fresh database per handle, on the
 * server of `serverUrl`); otherwise on SQLite (a fresh file). A handle is a path in a temporary
 * folder either way, so tests pass it around without caring which.
 */
export const databaseClients = ['sqlite', 'postgres', 'mysql'] as const;
export type DatabaseClient = (typeof databaseClients)[number];

export const testDatabaseClient = (): DatabaseClient => {
  const named = process.env.TEST_DATABASE;
  return databaseClients.find((client) => client === named) ?? 'sqlite';
};

/**
 * The server `scripts/ci/postgres-test-server.sh` or `scripts/ci/mysql-test-server.sh` starts,
 * unless `TEST_POSTGRES_URL` or `TEST_MYSQL_URL` names another.
 */
const serverUrl = (client: 'postgres' | 'mysql'): URL =>
  client === 'postgres'
    ? new URL(process.env.TEST_POSTGRES_URL || 'postgres://newsroom:newsroom@127.0.0.1:54329/postgres')
    : new URL(process.env.TEST_MYSQL_URL || 'mysql://newsroom:newsroom@127.0.0.1:33069');

/** The database name of a handle: lower-case letters, digits and underscores. */
const databaseName = (handle: string): string =>
  `newsroom_${path
    .basename(path.dirname(handle))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}`;

/** A fresh, empty database handle (nothing is created until a process starts on it). */
export const temporaryDatabase = (): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-')), 'data.db');

/** The environment a playground process needs to run on this database. */
export const databaseEnv = (handle: string, client: DatabaseClient = testDatabaseClient()): Record<string, string> => {
  if (client === 'sqlite') return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: handle };
  const url = serverUrl(client);
  return {
    DATABASE_CLIENT: client,
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port || (client === 'postgres' ? '5432' : '3306'),
    DATABASE_NAME: databaseName(handle),
    DATABASE_USERNAME: decodeURIComponent(url.username),
    DATABASE_PASSWORD: decodeURIComponent(url.password),
    ...(client === 'postgres' ? { DATABASE_SCHEMA: 'public' } : {}),
  };
};

const withServer = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: serverUrl('postgres').toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

/** A knex connection to the MySQL server, outside any database (to create and drop them). */
const withMysqlServer = async <T>(run: (server: Knex) => Promise<T>): Promise<T> => {
  const url = serverUrl('mysql');
  const server = knexFactory({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      multipleStatements: true,
    },
    pool: { min: 0, max: 1 },
  });
  try {
    return await run(server);
  } finally {
    await server.destroy();
  }
};

/**
 * The databases fresh ones are copied from, named in the environment by the global set-up (which
 * makes them once per run, see `tests/support/database-template.ts`). Strapi's first boot on an
 * empty database creates its whole schema (5 s on SQLite, 8 on MariaDB here), and the demo's seed
 * adds 5 to 14 s more; a boot on a copy only compares the schema (under 2 s). A copy is an app
 * that was started once (`empty`), or seeded (`seeded`), and stopped: what every restart meets.
 */
export type Template = 'empty' | 'seeded';

const templateVariable = (template: Template): string => `NEWSROOM_TEST_TEMPLATE_${template.toUpperCase()}`;

/** The handle of a template, when the run made one for this client (`client:handle` in the environment). */
export const templateHandle = (template: Template, client: DatabaseClient = testDatabaseClient()): string | undefined => {
  const named = process.env[templateVariable(template)] ?? '';
  const prefix = `${client}:`;
  return named.startsWith(prefix) ? named.slice(prefix.length) : undefined;
};

export const useTemplate = (template: Template, handle: string, client: DatabaseClient = testDatabaseClient()): void => {
  process.env[templateVariable(template)] = `${client}:${handle}`;
};

/** By template database: its tables' `create table` statements, read once per process. */
const mysqlTemplateTables = new Map<string, Promise<Array<{ table: string; create: string }>>>();

const mysqlTables = (server: Knex, template: string): Promise<Array<{ table: string; create: string }>> => {
  const known = mysqlTemplateTables.get(template);
  if (known) return known;
  const read = (async () => {
    const [tables] = (await server.raw("select table_name as name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'", [
      template,
    ])) as [Array<{ name: string }>];
    return Promise.all(
      tables.map(async ({ name }) => {
        const [rows] = (await server.raw('show create table ??.??', [template, name])) as [Array<Record<string, string>>];
        return { table: name, create: rows[0]['Create Table'] };
      }),
    );
  })();
  mysqlTemplateTables.set(template, read);
  return read;
};

/**
 * MariaDB has no template databases: the tables are created again from their statements (foreign
 * keys included, unlike `create table ... like`; with checks off, in any order), rows copied.
 */
const copyMysqlDatabase = async (server: Knex, template: string, name: string): Promise<void> => {
  const tables = await mysqlTables(server, template);
  const statements = [
    'set foreign_key_checks = 0',
    server.raw('create database ??', [name]).toQuery(),
    server.raw('use ??', [name]).toQuery(),
    ...tables.flatMap(({ table, create }) => [create, server.raw('insert into ??.?? select * from ??.??', [name, table, template, table]).toQuery()]),
  ];
  await server.raw(statements.join(';\n'));
};

/**
 * Creates the database of a handle if it does not exist yet: a copy of the run's template of that
 * kind when there is one, else (or with `null`) empty (SQLite creates its file itself).
 */
export const prepareDatabase = async (handle: string, client: DatabaseClient = testDatabaseClient(), template: Template | null = 'empty'): Promise<void> => {
  const source = template ? templateHandle(template, client) : undefined;
  if (client === 'sqlite') {
    if (source && !fs.existsSync(handle)) fs.copyFileSync(source, handle);
    return;
  }
  const name = databaseName(handle);
  if (client === 'mysql') {
    await withMysqlServer(async (server) => {
      const [found] = (await server.raw('select 1 from information_schema.schemata where schema_name = ?', [name])) as [unknown[]];
      if (found.length) return;
      if (source) await copyMysqlDatabase(server, databaseName(source), name);
      else await server.raw('create database ??', [name]);
    });
    return;
  }
  await withServer(async (server) => {
    const found = await server.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    await server.query(source ? `create database "${name}" template "${databaseName(source)}"` : `create database "${name}"`);
  });
};

/** Drops the database of a handle and its temporary folder. */
export const removeDatabase = async (handle: string, client: DatabaseClient = testDatabaseClient()): Promise<void> => {
  const name = databaseName(handle);
  if (client === 'postgres') {
    await withServer(async (server) => {
      await server.query(`drop database if exists "${name}" with (force)`);
    });
  }
  if (client === 'mysql') await withMysqlServer((server) => server.raw('drop database if exists ??', [name]));
  fs.rmSync(path.dirname(handle), { recursive: true, force: true });
};

/** Rows a query matches, as a number (PostgreSQL's count is a bigint, which comes back as a string). */
export const countRows = async (query: { count: (column: Record<string, string>) => PromiseLike<Array<Record<string, unknown>>> }): Promise<number> =>
  Number((await query.count({ n: '*' }))[0]?.n ?? 0);

/** A plain knex connection to a handle's database, to read it from outside the processes that run on it. */
export const connectTo = (handle: string, client: DatabaseClient = testDatabaseClient()): Knex => {
  if (client === 'sqlite') return knexFactory({ client: 'better-sqlite3', connection: { filename: handle }, useNullAsDefault: true });
  const env = databaseEnv(handle, client);
  return knexFactory({
    client: client === 'postgres' ? 'pg' : 'mysql2',
    connection: {
      host: env.DATABASE_HOST,
      port: Number(env.DATABASE_PORT),
      database: env.DATABASE_NAME,
      user: env.DATABASE_USERNAME,
      password: env.DATABASE_PASSWORD,
    },
    pool: { min: 0, max: 2 },
  });
};
