import type { Core } from '@strapi/strapi';
import { registerActions } from './admin-api/permissions';
import { runsBackgroundWork } from './background';
import { allowWebhookEvents } from './edge/webhook-events';
import { subscribeDatabaseHooks } from './lifecycle/database-hooks';
import { getService } from './services/access';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const related = getService(strapi, 'related');
  const counters = getService(strapi, 'counters');
  const rankings = getService(strapi, 'rankings');
  const reader = getService(strapi, 'reader');
  const edge = getService(strapi, 'edge');
  const settings = getService(strapi, 'settings');
  const publicAccess = getService(strapi, 'publicAccess');
  await registerActions(strapi);
  allowWebhookEvents(strapi);
  subscribeDatabaseHooks(strapi);
  if (!runsBackgroundWork()) {
    // A data command or a script: its writes are queued for the servers, nothing runs here.
    await related.prepare();
    await counters.prepare();
    await rankings.prepare();
    await reader.prepare();
    await edge.prepare();
    strapi.log.info('[newsroom] background work is off in this process (worker, schedules, polls)');
    return;
  }
  // Settings saved in the admin apply over the file config before any service starts.
  await settings.load();
  // Before anything that changes answers: their changes are purged from caches in front.
  await edge.start();
  await related.start();
  await counters.start();
  await rankings.start();
  await reader.start();
  await publicAccess.start();
  // Only now: applying a save from another instance restarts the services it changes.
  settings.watch();
};

export default bootstrap;
