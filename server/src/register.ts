import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { createTaxonomyReads } from './index-store/taxonomy';
import { createAfterWrite } from './lifecycle/after-write';
import { createDocumentScope } from './lifecycle/document-scope';
import { createEditorialDefaults } from './lifecycle/editorial-defaults';
import { createEnqueueRelated } from './lifecycle/enqueue-related';
import { createEnqueueTaxonomy } from './lifecycle/enqueue-taxonomy';
import { createPurgeAfterWrite } from './lifecycle/purge-after-write';
import { createRefreshPublished } from './lifecycle/refresh-published';
import { getService } from './services/access';
import { ARTICLE_UID, RANKING_UID, SECTION_UID, TAG_UID } from './uids';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  // First: every other middleware, and the write itself, runs inside the mark that keeps the
  // database-lifecycle fallback (bootstrap) from doing a save's work twice.
  strapi.documents.use(createDocumentScope([ARTICLE_UID, TAG_UID, SECTION_UID, RANKING_UID]));
  // Its purge runs after everything below: caches in front refetch only once this instance's answers are new.
  strapi.documents.use(createPurgeAfterWrite(strapi, () => getService(strapi, 'edge')));
  // The next three see each write after its transaction has committed; the content API's cache is
  // cleared last, once the beacons' published set (which its answers consult) is current.
  strapi.documents.use(createAfterWrite(strapi, [ARTICLE_UID, SECTION_UID, RANKING_UID, TAG_UID], () => getService(strapi, 'reader').invalidate()));
  strapi.documents.use(createAfterWrite(strapi, [SECTION_UID, RANKING_UID], () => getService(strapi, 'rankings').refreshSoon()));
  strapi.documents.use(createRefreshPublished(strapi, (documentIds) => getService(strapi, 'counters').refreshPublished(documentIds)));
  strapi.documents.use(createEditorialDefaults(strapi));
  strapi.documents.use(
    createEnqueueRelated(
      strapi,
      (trx, keys) => getService(strapi, 'related').enqueue(trx, keys),
      () => getService(strapi, 'related').wake(),
    ),
  );
  strapi.documents.use(
    createEnqueueTaxonomy(
      strapi,
      createTaxonomyReads(strapi),
      (trx, keys) => getService(strapi, 'related').enqueue(trx, keys),
      () => getService(strapi, 'related').wake(),
    ),
  );
  // Only in an app with Strapi's GraphQL plugin.
  registerGraphql(strapi);
};

export default register;
