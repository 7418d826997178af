import type { Core } from '@strapi/strapi';
import { createEditorialDefaults } from './lifecycle/editorial-defaults';
import { createEnqueueRelated } from './lifecycle/enqueue-related';
import { createInvalidateReads } from './lifecycle/invalidate-reads';
import { createRefreshPublished } from './lifecycle/refresh-published';
import type { CountersService } from './services/counters';
import type { ReaderService } from './services/reader';
import type { RelatedService } from './services/related';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  const related = () => strapi.plugin('newsroom').service('related') as RelatedService;
  const counters = () => strapi.plugin('newsroom').service('counters') as CountersService;
  const reader = () => strapi.plugin('newsroom').service('reader') as ReaderService;
  // The outermost two see each write after its transaction has committed; the content API's
  // cache is cleared last, once the beacons' published set (which its answers consult) is current.
  strapi.documents.use(createInvalidateReads(strapi, () => reader().invalidate()));
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
