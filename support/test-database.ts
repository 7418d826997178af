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
    connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
    pool: { min: 0, max: 1 },
  });
  try {
    return await run(server);
  } finally {
    await server.destroy();
  }
};

/** Creates the database of a handle if it does not exist yet (SQLite creates its file itself). */
export const prepareDatabase = async (handle: string, client: DatabaseClient = testDatabaseClient()): Promise<void> => {
  if (client === 'sqlite') return;
  const name = databaseName(handle);
  if (client === 'mysql') {
    await withMysqlServer((server) => server.raw('create database if not exists ??', [name]));
    return;
  }
  await withServer(async (server) => {
    const found = await server.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await server.query(`create database "${name}"`);
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
