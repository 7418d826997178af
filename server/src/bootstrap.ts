import type { Core } from '@strapi/strapi';
import type { RelatedService } from './services/related';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await (strapi.plugin('newsroom').service('related') as RelatedService).start();
};

export default bootstrap;
