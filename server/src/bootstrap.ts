import type { Core } from '@strapi/strapi';
import type { CountersService } from './services/counters';
import type { PublicAccessService } from './services/public-access';
import type { RankingsService } from './services/rankings';
import type { ReaderService } from './services/reader';
import type { RelatedService } from './services/related';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const plugin = strapi.plugin('newsroom');
  await (plugin.service('related') as RelatedService).start();
  await (plugin.service('counters') as CountersService).start();
  await (plugin.service('rankings') as RankingsService).start();
  await (plugin.service('reader') as ReaderService).start();
  await (plugin.service('publicAccess') as PublicAccessService).start();
};

export default bootstrap;
