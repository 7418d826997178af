import { compileStrapi } from '@strapi/strapi';
import { PLAYGROUND_DIR } from '../../support/paths';

/**
 * Compiles the playground's TypeScript once; every test file then boots the compiled app. Each
 * project that boots it names this setup, and Jest runs them all in one process: once is enough.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEWSROOM_PLAYGROUND_COMPILED) return;
  await compileStrapi({ appDir: PLAYGROUND_DIR });
  process.env.NEWSROOM_PLAYGROUND_COMPILED = 'true';
}
