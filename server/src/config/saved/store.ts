import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../uids';

const KEY = 'settings';
const REVISION_KEY = 'settings-revision';

/**
 * The settings saved from the admin, as a patch over the file config, in Strapi's plugin store,
 * and a revision replaced once a save is in force on the instance that made it: every instance
 * polls the revision (one small row) and re-reads the patch only when it moved.
 */
export const createSettingsStore = (strapi: Core.Strapi) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  return {
    async read(): Promise<Record<string, unknown>> {
      const value: unknown = await store().get({ key: KEY });
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    },
    write: (patch: Record<string, unknown>): Promise<void> => store().set({ key: KEY, value: patch }),

    /** Null until the first save. */
    async revision(): Promise<string | null> {
      const value: unknown = await store().get({ key: REVISION_KEY });
      return typeof value === 'string' ? value : null;
    },
    announce: (): Promise<void> => store().set({ key: REVISION_KEY, value: randomUUID() }),
  };
};
