import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';

/**
 * The database a test instance runs on. `TEST_DATABASE=postgres` runs every integration test on
 * PostgreSQL (a fresh database per handle, on the server of `serverUrl`);
 * otherwise on SQLite (a fresh file). A handle is a path in a temporary folder either way, so
 * tests pass it around without caring which.
 */
export type DatabaseClient = 'sqlite' | 'postgres';

export const testDatabaseClient = (): DatabaseClient => (process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite');

/** The server `scripts/ci/postgres-test-server.sh` starts, unless `TEST_POSTGRES_URL` names another. */
const serverUrl = (): URL => new URL(process.env.TEST_POSTGRES_URL || 'postgres://newsroom:newsroom@127.0.0.1:54329/postgres');

/** The PostgreSQL database name of a handle: lower-case letters, digits and underscores. */
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
  const url = serverUrl();
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port || '5432',
    DATABASE_NAME: databaseName(handle),
    DATABASE_USERNAME: decodeURIComponent(url.username),
    DATABASE_PASSWORD: decodeURIComponent(url.password),
    DATABASE_SCHEMA: 'public',
  };
};

const withServer = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

/** Creates the database of a handle if it does not exist yet (SQLite creates its file itself). */
export const prepareDatabase = async (handle: string, client: DatabaseClient = testDatabaseClient()): Promise<void> => {
  if (client === 'sqlite') return;
  const name = databaseName(handle);
  await withServer(async (server) => {
    const found = await server.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await server.query(`create database "${name}"`);
  });
};

/** Drops the database of a handle and its temporary folder. */
export const removeDatabase = async (handle: string, client: DatabaseClient = testDatabaseClient()): Promise<void> => {
  if (client === 'postgres') {
    const name = databaseName(handle);
    await withServer(async (server) => {
      await server.query(`drop database if exists "${name}" with (force)`);
    });
  }
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
    client: 'pg',
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
