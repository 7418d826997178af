import type { Core } from '@strapi/strapi';
import { unsubscribeDatabaseHooks } from './lifecycle/database-hooks';
import { getService } from './services/access';

const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  unsubscribeDatabaseHooks(strapi);
  // First: no save from another instance may restart a service once it is stopping.
  await getService(strapi, 'settings').stop();
  getService(strapi, 'publicAccess').stop();
  await getService(strapi, 'reader').stop();
  await getService(strapi, 'rankings').stop();
  // Writes every view and reaction still buffered: a graceful stop loses none.
  await getService(strapi, 'counters').stop();
  await getService(strapi, 'related').stop();
  // Last: what the stops above changed is still purged.
  await getService(strapi, 'edge').stop();
};

export default destroy;
