import type { Core } from '@strapi/strapi';
import { createEditorialDefaults } from './lifecycle/editorial-defaults';
import { createEnqueueRelated } from './lifecycle/enqueue-related';
import type { RelatedService } from './services/related';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  const related = () => strapi.plugin('newsroom').service('related') as RelatedService;
  strapi.documents.use(createEditorialDefaults(strapi));
  strapi.documents.use(
    createEnqueueRelated(
      strapi,
      (trx, keys) => related().enqueue(trx, keys),
      () => related().wake(),
    ),
  );
};

export default register;
