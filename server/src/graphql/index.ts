import type { Core } from '@strapi/strapi';
import { readGraphqlSettings, type GraphqlSettings } from '../config/graphql-settings';
import { ARTICLE_UID, RANKING_UID, SECTION_UID, TAG_UID } from '../uids';
import type { ExtensionService } from './nexus';
import { readsExtension } from './queries';
import { newsroomTypes } from './types';

const CONTENT_TYPES = [ARTICLE_UID, SECTION_UID, RANKING_UID, TAG_UID];

/** The editorial controls, never shown by any GraphQL query. */
export const EDITORIAL_FIELDS: Record<string, string[]> = {
  [ARTICLE_UID]: ['relatedPinned', 'relatedExcluded', 'notInStory', 'hideRelated', 'neverListAsRelated'],
  [RANKING_UID]: ['pinned', 'excluded'],
};

/**
 * Strapi's generated queries and mutations for the plugin's types: none by default. With
 * `graphql.shadowCrud` the queries come back (Strapi's permissions then decide who may read, drafts
 * included), never the mutations (writes go through the admin) or the editorial fields.
 */
export const configureShadowCrud = (extension: ExtensionService, settings: GraphqlSettings): void => {
  for (const uid of CONTENT_TYPES) {
    const generated = extension.shadowCRUD(uid);
    if (!settings.shadowCrud) {
      generated.disable();
      continue;
    }
    generated.disableMutations();
    for (const field of EDITORIAL_FIELDS[uid] ?? []) generated.field(field).disable();
  }
};

/**
 * In an app with Strapi's GraphQL plugin: the plugin's own types out of the generated schema, and
 * the content API's reads as queries. Called at register, before GraphQL builds its schema (at its
 * bootstrap); without the GraphQL plugin it does nothing.
 */
export const registerGraphql = (strapi: Core.Strapi): boolean => {
  const graphql = strapi.plugin('graphql') as Core.Plugin | undefined;
  if (!graphql) return false;
  const extension = graphql.service('extension') as unknown as ExtensionService;
  configureShadowCrud(extension, readGraphqlSettings(strapi));
  extension.use(readsExtension(strapi, newsroomTypes));
  return true;
};
