import type { Core } from '@strapi/strapi';
import Joi from 'joi';

/**
 * What the plugin does to Strapi's GraphQL plugin, when an app has it. Read once, at register:
 * the schema is built at start-up, so a change needs a restart (it is not an admin setting).
 */
export interface GraphqlSettings {
  /**
   * Strapi's generated queries (shadow CRUD) for the plugin's articles, sections, rankings and
   * tags. Off by default: they would serve drafts and the editorial controls to any token that
   * may `find`. On, they come back for previews, queries only and without the editorial fields.
   */
  shadowCrud: boolean;
}

export const defaultGraphqlSettings: GraphqlSettings = { shadowCrud: false };

/** Optional as a whole: an app that never mentions GraphQL keeps the defaults. */
export const graphqlSettingsSchema = Joi.object<GraphqlSettings>({
  shadowCrud: Joi.boolean(),
});

export const readGraphqlSettings = (strapi: Core.Strapi): GraphqlSettings => ({
  ...defaultGraphqlSettings,
  ...((strapi.config.get('plugin::newsroom.graphql') as Partial<GraphqlSettings> | undefined) ?? {}),
});
