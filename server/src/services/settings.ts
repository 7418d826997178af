import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { configSchema, readConfig, type NewsroomConfig } from '../config';
import { changedSections, mergeSettings, pickPaths } from '../settings/merge';
import { createSettingsStore } from '../settings/store';
import type { CountersService } from './counters';
import type { PublicAccessService } from './public-access';
import type { RankingsService } from './rankings';
import type { RelatedService } from './related';

export interface SettingsAnswer {
  settings: NewsroomConfig;
  /** A rebuild of the related index was started because related settings changed. */
  rebuildStarted: boolean;
}

/**
 * Settings saved from the admin: stored as a patch over the file config, validated by the same
 * joi schema as the file config, applied at start-up and on save by restarting what they change.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = createSettingsStore(strapi);
  const plugin = () => strapi.plugin('newsroom');

  const validated = (candidate: unknown): NewsroomConfig => {
    const { error, value } = configSchema.validate(candidate, { abortEarly: false });
    if (error) {
      throw new errors.ValidationError(`Invalid settings: ${error.details.map((detail) => detail.message).join('; ')}`, {
        errors: error.details.map((detail) => ({ path: detail.path.map(String), message: detail.message, name: 'ValidationError' })),
      });
    }
    return value;
  };

  /** Restarts the services whose settings changed; a related change rebuilds the index. */
  const restart = async (sections: Array<keyof NewsroomConfig>): Promise<boolean> => {
    if (sections.includes('counters')) {
      const counters = plugin().service('counters') as CountersService;
      await counters.stop();
      await counters.start();
    }
    if (sections.includes('rankings')) {
      const rankings = plugin().service('rankings') as RankingsService;
      await rankings.stop();
      await rankings.start();
    }
    if (sections.includes('publicAccess')) {
      const publicAccess = plugin().service('publicAccess') as PublicAccessService;
      publicAccess.stop();
      await publicAccess.start();
    }
    if (!sections.includes('related')) return false;
    const related = plugin().service('related') as RelatedService;
    await related.restart();
    await related.startRebuild();
    return true;
  };

  return {
    /** Start-up, before the services start: the saved patch over the file config. */
    async load(): Promise<void> {
      const fileConfig = readConfig(strapi);
      const patch = await store.read();
      if (Object.keys(patch).length === 0) return;
      try {
        strapi.config.set('plugin::newsroom', validated(mergeSettings(fileConfig, patch)));
      } catch (error) {
        // A file config changed since the save can make the patch invalid: the files win.
        strapi.log.warn(`[newsroom] saved settings ignored: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    current: (): NewsroomConfig => readConfig(strapi),

    /** Validates `patch` over the current settings, stores it, applies it; nothing changes on a bad value. */
    async save(patch: Record<string, unknown>): Promise<SettingsAnswer> {
      const before = readConfig(strapi);
      const next = validated(mergeSettings(before, patch));
      const sections = changedSections(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>) as Array<keyof NewsroomConfig>;
      if (sections.length === 0) return { settings: before, rebuildStarted: false };
      // Stored as validated (`"8"` becomes 8), so the store holds what is in force.
      await store.write(mergeSettings(await store.read(), pickPaths(patch, next)));
      strapi.config.set('plugin::newsroom', next);
      return { settings: next, rebuildStarted: await restart(sections) };
    },
  };
};

export type SettingsService = ReturnType<typeof settings>;

export default settings;
