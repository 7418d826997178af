import { compileStrapi } from '@strapi/strapi';
import { PLAYGROUND_DIR } from '../../support/paths';

/** Compiles the playground's TypeScript once; every test file then boots the compiled app. */
export default async function globalSetup(): Promise<void> {
  await compileStrapi({ appDir: PLAYGROUND_DIR });
}
