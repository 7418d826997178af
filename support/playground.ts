import type { AddressInfo } from 'net';
import { createStrapi, type Core } from '@strapi/strapi';
import { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR } from './paths';
import { databaseEnv, prepareDatabase, removeDatabase, temporaryDatabase, type DatabaseClient } from './test-database';

export { databaseEnv, removeDatabase, temporaryDatabase, testDatabaseClient } from './test-database';

export interface PlaygroundOptions {
  /** Database handle (see `temporaryDatabase`); a fresh one, dropped on stop, when omitted. */
  databaseFile?: string;
  /**
   * Seed the demo content and admin (off unless asked for). A fresh database is then a copy of the
   * run's seeded template, where the seed finds everything in place.
   */
  seed?: boolean;
  /** A fresh database is empty, as at an app's first start, instead of a copy of the run's template. */
  firstStart?: boolean;
  /** Defaults to `TEST_DATABASE` (SQLite unless it says postgres or mysql). */
  client?: DatabaseClient;
}

/** Databases made by `startPlayground` itself, dropped by `stopPlayground`. */
const owned = new WeakMap<Core.Strapi, { handle: string; client?: DatabaseClient }>();

/** Boots the real playground app (compiled by the global setup) with its HTTP routes mounted. */
export const startPlayground = async (options: PlaygroundOptions = {}): Promise<Core.Strapi> => {
  const handle = options.databaseFile ?? temporaryDatabase();
  await prepareDatabase(handle, options.client, options.firstStart ? null : options.seed ? 'seeded' : 'empty');
  Object.assign(process.env, databaseEnv(handle, options.client));
  process.env.DEMO_SEED = options.seed ? 'true' : 'false';
  const strapi = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIST_DIR });
  try {
    await strapi.load();
  } catch (error) {
    // A half-loaded instance keeps the database open and Jest from exiting; its own teardown
    // may trip over what never loaded, and the load error is the one worth reporting.
    await strapi.destroy().catch(() => strapi.db?.destroy());
    if (!options.databaseFile) await removeDatabase(handle, options.client);
    throw error;
  }
  if (!options.databaseFile) owned.set(strapi, { handle, client: options.client });
  strapi.server.mount();
  return strapi;
};

export const stopPlayground = async (strapi: Core.Strapi | undefined): Promise<void> => {
  if (!strapi) return;
  await strapi.destroy();
  const database = owned.get(strapi);
  if (database) await removeDatabase(database.handle, database.client);
};

/**
 * Listens on a free local port (so thousands of concurrent requests share one server); answers
 * the base URL. The backlog takes a test's burst of 2,000 connections: past Node's default of 511,
 * a connection the kernel could not queue while the app's thread was busy came back reset.
 */
export const listen = async (strapi: Core.Strapi): Promise<string> => {
  await new Promise<void>((resolve) => strapi.server.httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, resolve));
  return `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
};
