import { compileStrapi } from '@strapi/strapi';
import { PLAYGROUND_DIR } from '../../support/paths';
import { ensureAdminBuild } from './admin-build';

/**
 * Compiles the playground's TypeScript once; every test file then boots the compiled app. Each
 * project that boots it names this setup, and Jest runs them all in one process, before any test
 * file: once is enough. The browser tier's admin build is made here too, not in its test: it
 * writes the compiled app again, which test files in the other workers are booting meanwhile.
 */
export default async function globalSetup(_globalConfig: unknown, project: { displayName?: { name: string } }): Promise<void> {
  if (!process.env.NEWSROOM_PLAYGROUND_COMPILED) {
    await compileStrapi({ appDir: PLAYGROUND_DIR });
    process.env.NEWSROOM_PLAYGROUND_COMPILED = 'true';
  }
  if (project.displayName?.name === 'e2e') ensureAdminBuild();
}
