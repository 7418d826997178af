import '../../support/test-env';
import { prepareDatabase, removeDatabase, templateHandle, temporaryDatabase, useTemplate, type Template } from '../../support/test-database';
import { startInstance } from './instance';

/** `publicAccess` off, the plugin's default: grants made at a start stay, and a test of a first start without them must find none. */
const CONFIG = JSON.stringify({ publicAccess: false });

/**
 * Makes the run's templates, which `prepareDatabase` copies for every fresh database the tests
 * ask for: the compiled playground booted once on an empty database (in a child process), then a
 * copy of that with the demo seeded and its related links settled. The test processes inherit
 * them from the global set-up's environment.
 */
export const makeDatabaseTemplates = async (): Promise<void> => {
  if (templateHandle('seeded')) return;
  const empty = temporaryDatabase();
  await prepareDatabase(empty);
  await (await startInstance(empty, { NEWSROOM_CONFIG: CONFIG })).stop();
  useTemplate('empty', empty);

  const seeded = temporaryDatabase();
  await prepareDatabase(seeded);
  const instance = await startInstance(seeded, { NEWSROOM_CONFIG: CONFIG, DEMO_SEED: 'true' });
  await instance.send('settle');
  await instance.stop();
  useTemplate('seeded', seeded);
};

export const removeDatabaseTemplates = async (): Promise<void> => {
  for (const template of ['empty', 'seeded'] satisfies Template[]) {
    const handle = templateHandle(template);
    if (handle) await removeDatabase(handle);
  }
};
