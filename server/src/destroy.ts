import type { Core } from '@strapi/strapi';
import type { RelatedService } from './services/related';

const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await (strapi.plugin('newsroom').service('related') as RelatedService).stop();
};

export default destroy;
