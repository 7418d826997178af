import type { Core } from '@strapi/strapi';
import type { CountersService } from './services/counters';
import type { PublicAccessService } from './services/public-access';
import type { RankingsService } from './services/rankings';
import type { ReaderService } from './services/reader';
import type { RelatedService } from './services/related';
import type { SettingsService } from './services/settings';

const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const plugin = strapi.plugin('newsroom');
  // First: no save from another instance may restart a service once it is stopping.
  await (plugin.service('settings') as SettingsService).stop();
  (plugin.service('publicAccess') as PublicAccessService).stop();
  await (plugin.service('reader') as ReaderService).stop();
  await (plugin.service('rankings') as RankingsService).stop();
  // Writes every view and reaction still buffered: a graceful stop loses none.
  await (plugin.service('counters') as CountersService).stop();
  await (plugin.service('related') as RelatedService).stop();
};

export default destroy;
