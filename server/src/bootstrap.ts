import type { Core } from '@strapi/strapi';
import { registerActions } from './admin-api/permissions';
import type { CountersService } from './services/counters';
import type { PublicAccessService } from './services/public-access';
import type { RankingsService } from './services/rankings';
import type { ReaderService } from './services/reader';
import type { RelatedService } from './services/related';
import type { SettingsService } from './services/settings';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const plugin = strapi.plugin('newsroom');
  await registerActions(strapi);
  // Settings saved in the admin apply over the file config before any service starts.
  await (plugin.service('settings') as SettingsService).load();
  await (plugin.service('related') as RelatedService).start();
  await (plugin.service('counters') as CountersService).start();
  await (plugin.service('rankings') as RankingsService).start();
  await (plugin.service('reader') as ReaderService).start();
  await (plugin.service('publicAccess') as PublicAccessService).start();
  // Only now: applying a save from another instance restarts the services it changes.
  (plugin.service('settings') as SettingsService).watch();
};

export default bootstrap;
