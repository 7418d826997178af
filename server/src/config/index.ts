import type { Core } from '@strapi/strapi';
import Joi from 'joi';
import { defaultRelatedSettings, type RelatedSettings } from '../related/settings';
import { defaultJobSettings, jobSettingsSchema, type JobSettings } from './jobs-settings';
import { relatedSettingsSchema } from './related-settings-schema';

export interface NewsroomConfig {
  related: RelatedSettings;
  jobs: JobSettings;
}

export const configSchema = Joi.object<NewsroomConfig>({
  related: relatedSettingsSchema.required(),
  jobs: jobSettingsSchema.required(),
});

/** Throws a message that names every offending setting, e.g. `"related.listSize" must be ...`. */
export const validateConfig = (config: unknown): NewsroomConfig => {
  const { error, value } = configSchema.validate(config, { abortEarly: false });
  if (error) throw new Error(`invalid settings: ${error.details.map((detail) => detail.message).join('; ')}`);
  return value;
};

export const readConfig = (strapi: Core.Strapi): NewsroomConfig => strapi.config.get('plugin::newsroom') as NewsroomConfig;

export default {
  default: (): NewsroomConfig => ({ related: structuredClone(defaultRelatedSettings), jobs: { ...defaultJobSettings } }),
  // Strapi calls this without awaiting it: it must throw synchronously.
  validator: (config: unknown): void => {
    validateConfig(config);
  },
};
