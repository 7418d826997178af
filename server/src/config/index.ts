import type { Core } from '@strapi/strapi';
import Joi from 'joi';
import { defaultRelatedSettings, type RelatedSettings } from '../related/settings';
import { checkSettings } from '../validation';
import { contentApiSettingsSchema, defaultContentApiSettings, type ContentApiSettings } from './content-api-settings';
import { defaultEdgeSettings, edgeSettingsSchema, type EdgeSettings } from './edge-settings';
import { counterSettingsSchema, defaultCounterSettings, type CounterSettings } from './counters-settings';
import { graphqlSettingsSchema, type GraphqlSettings } from './graphql-settings';
import { defaultJobSettings, jobSettingsSchema, type JobSettings } from './jobs-settings';
import { defaultRankingSettings, rankingSettingsSchema, type RankingSettings } from './rankings-settings';
import { relatedSettingsSchema } from './related-settings';

export interface NewsroomConfig {
  related: RelatedSettings;
  jobs: JobSettings;
  counters: CounterSettings;
  rankings: RankingSettings;
  contentApi: ContentApiSettings;
  /** Optional: see `graphql-settings.ts`. */
  graphql?: GraphqlSettings;
  /** Cache keys on answers, and purge requests to a cache in front. */
  edge: EdgeSettings;
  /** Grant the Public role every public action (reads and beacons) at start-up. */
  publicAccess: boolean;
  /** How often the public routes re-read which actions the Public role holds. */
  permissionsRefreshSeconds: number;
  /** How often each instance checks for settings saved from the admin on another instance. */
  settingsPollMs: number;
}

export const configSchema = Joi.object<NewsroomConfig>({
  related: relatedSettingsSchema.required(),
  jobs: jobSettingsSchema.required(),
  counters: counterSettingsSchema.required(),
  rankings: rankingSettingsSchema.required(),
  contentApi: contentApiSettingsSchema.required(),
  graphql: graphqlSettingsSchema,
  edge: edgeSettingsSchema.required(),
  publicAccess: Joi.boolean().required(),
  permissionsRefreshSeconds: Joi.number().integer().min(1).max(3600).required(),
  settingsPollMs: Joi.number().integer().min(100).max(60_000).required(),
});

/** Throws a message that names every offending setting, e.g. `"related.listSize" must be ...`. */
export const validateConfig = (config: unknown): NewsroomConfig => checkSettings(configSchema, config, 'settings');

export const readConfig = (strapi: Core.Strapi): NewsroomConfig => strapi.config.get('plugin::newsroom') as NewsroomConfig;

export default {
  default: (): NewsroomConfig => ({
    related: structuredClone(defaultRelatedSettings),
    jobs: { ...defaultJobSettings },
    counters: structuredClone(defaultCounterSettings),
    rankings: structuredClone(defaultRankingSettings),
    contentApi: structuredClone(defaultContentApiSettings),
    edge: structuredClone(defaultEdgeSettings),
    publicAccess: false,
    permissionsRefreshSeconds: 10,
    settingsPollMs: 2000,
  }),
  // Strapi calls this without awaiting it: it must throw synchronously.
  validator: (config: unknown): void => {
    validateConfig(config);
  },
};
