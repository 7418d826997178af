import { compileStrapi } from '@strapi/strapi';
import { PLAYGROUND_DIR } from '../../support/paths';

/**
 * Compiles the playground's TypeScript once; every test file then boots the compiled app. Jest
 * runs each distinct set-up module once, in one process, before any test file: the integration
 * tier names this one, the browser tier its own, which calls it first.
 */
export default async function compilePlayground(): Promise<void> {
  if (process.env.NEWSROOM_PLAYGROUND_COMPILED) return;
  await compileStrapi({ appDir: PLAYGROUND_DIR });
  process.env.NEWSROOM_PLAYGROUND_COMPILED = 'true';
}
