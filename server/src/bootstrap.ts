import type { Core } from '@strapi/strapi';
import { registerActions } from './admin-api/permissions';
import { runsBackgroundWork } from './background';
import { allowWebhookEvents } from './edge/webhook-events';
import { subscribeDatabaseHooks } from './lifecycle/database-hooks';
import { pluginServices } from './services/access';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const services = pluginServices(strapi);
  await registerActions(strapi);
  allowWebhookEvents(strapi);
  subscribeDatabaseHooks(strapi);
  if (!runsBackgroundWork()) {
    // A data command or a script: its writes are queued for the servers, nothing runs here.
    await services.related().prepare();
    await services.counters().prepare();
    await services.rankings().prepare();
    await services.reader().prepare();
    await services.edge().prepare();
    strapi.log.info('[newsroom] background work is off in this process (worker, schedules, polls)');
    return;
  }
  // Settings saved in the admin apply over the file config before any service starts.
  await services.settings().load();
  // Before anything that changes answers: their changes are purged from caches in front.
  await services.edge().start();
  await services.related().start();
  await services.counters().start();
  await services.rankings().start();
  await services.reader().start();
  await services.publicAccess().start();
  // Only now: applying a save from another instance restarts the services it changes.
  services.settings().watch();
};

export default bootstrap;
