import type { Core } from '@strapi/strapi';
import { createEditorialDefaults } from './lifecycle/editorial-defaults';
import { createEnqueueRelated } from './lifecycle/enqueue-related';
import { createRefreshPublished } from './lifecycle/refresh-published';
import type { CountersService } from './services/counters';
import type { RelatedService } from './services/related';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  const related = () => strapi.plugin('newsroom').service('related') as RelatedService;
  const counters = () => strapi.plugin('newsroom').service('counters') as CountersService;
  // First, so that it sees each write after its transaction has committed.
  strapi.documents.use(createRefreshPublished(strapi, (documentIds) => counters().refreshPublished(documentIds)));
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
