import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../uids';

const KEY = 'settings';

/** The settings saved from the admin, as a patch over the file config, in Strapi's plugin store. */
export const createSettingsStore = (strapi: Core.Strapi) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  return {
    async read(): Promise<Record<string, unknown>> {
      const value: unknown = await store().get({ key: KEY });
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    },
    write: (patch: Record<string, unknown>): Promise<void> => store().set({ key: KEY, value: patch }),
  };
};
