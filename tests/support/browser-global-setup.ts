import { ensureAdminBuild } from './admin-build';
import setUpPlayground from './global-setup';

/**
 * The browser tier's set-up: the compiled playground, the database templates and the built
 * admin. The admin's build writes the compiled app again, so it is made here, before any test
 * file boots the app (in the other worker they would boot it meanwhile), not in its test.
 */
export default async function browserGlobalSetup(): Promise<void> {
  await setUpPlayground();
  ensureAdminBuild();
}
