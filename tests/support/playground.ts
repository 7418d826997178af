import fs from 'fs';
import os from 'os';
import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR } from './paths';

export interface PlaygroundOptions {
  /** SQLite file to use; a fresh one in a temporary folder when omitted. */
  databaseFile?: string;
  /** Seed the demo content and admin (off unless asked for). */
  seed?: boolean;
  /** PostgreSQL takes its connection from the DATABASE_* variables. */
  client?: 'sqlite' | 'postgres';
}

/** A temporary SQLite file, removed with its folder by `removeDatabase`. */
export const temporaryDatabase = (): string =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-')), 'data.db');

export const removeDatabase = (file: string): void => fs.rmSync(path.dirname(file), { recursive: true, force: true });

/** Boots the real playground app (compiled by the global setup) with its HTTP routes mounted. */
export const startPlayground = async (options: PlaygroundOptions = {}): Promise<Core.Strapi> => {
  process.env.DATABASE_CLIENT = options.client ?? 'sqlite';
  process.env.DATABASE_FILENAME = options.databaseFile ?? temporaryDatabase();
  process.env.DEMO_SEED = options.seed ? 'true' : 'false';
  const strapi = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIST_DIR });
  try {
    await strapi.load();
  } catch (error) {
    // A half-loaded instance keeps the database open and Jest from exiting; its own teardown
    // may trip over what never loaded, and the load error is the one worth reporting.
    await strapi.destroy().catch(() => strapi.db?.destroy());
    throw error;
  }
  strapi.server.mount();
  return strapi;
};

export const stopPlayground = async (strapi: Core.Strapi | undefined): Promise<void> => {
  if (strapi) await strapi.destroy();
};
