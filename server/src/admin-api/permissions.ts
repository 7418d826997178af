import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from './actions';

/** Makes the plugin's actions grantable in Settings > Roles (bootstrap). */
export const registerActions = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTION_DEFINITIONS);
};
