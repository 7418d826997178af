import type { Core } from '@strapi/strapi';
import { unsubscribeDatabaseHooks } from './lifecycle/database-hooks';
import { pluginServices } from './services/access';

const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const services = pluginServices(strapi);
  unsubscribeDatabaseHooks(strapi);
  // First: no save from another instance may restart a service once it is stopping.
  await services.settings().stop();
  services.publicAccess().stop();
  await services.reader().stop();
  await services.rankings().stop();
  // Writes every view and reaction still buffered: a graceful stop loses none.
  await services.counters().stop();
  await services.related().stop();
  // Last: what the stops above changed is still purged.
  await services.edge().stop();
};

export default destroy;
