import { compileStrapi } from '@strapi/strapi';
import { PLAYGROUND_DIR } from '../../support/paths';
import { makeDatabaseTemplates } from './database-template';

/**
 * Compiles the playground's TypeScript once and makes the run's database templates with it; every
 * test file then boots the compiled app on a copy of a template. Jest runs each distinct set-up
 * module once, in one process, before any test file: the integration tier names this one, the
 * browser tier its own, which calls it first.
 */
export default async function setUpPlayground(): Promise<void> {
  if (!process.env.NEWSROOM_PLAYGROUND_COMPILED) {
    await compileStrapi({ appDir: PLAYGROUND_DIR });
    process.env.NEWSROOM_PLAYGROUND_COMPILED = 'true';
  }
  await makeDatabaseTemplates();
}
