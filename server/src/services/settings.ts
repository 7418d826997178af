import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { configSchema, readConfig, type NewsroomConfig } from '../config';
import type { SettingsAnswer } from '../contracts/settings';
import { changedSections, mergeSettings, pickPaths } from '../config/saved/merge';
import { createSaveLock } from '../config/saved/save-lock';
import { createSettingsStore } from '../config/saved/store';
import { validate } from '../validation';
import { getService } from './access';

/**
 * Settings saved from the admin: stored as a patch over the file config, validated by the same
 * joi schema as the file config, applied at start-up and on save by restarting what they change,
 * and on every other instance within `settingsPollMs` of the save.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = createSettingsStore(strapi);
  const exclusively = createSaveLock(() => strapi.db.connection, randomUUID());
  // The settings from the config files, before any saved patch: a patch always applies over them.
  let fileConfig: NewsroomConfig | undefined;
  // The stored revision whose patch is in force here (or was refused here).
  let revision: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let watching = false;
  // Saves and applying another instance's save run one at a time: each diffs against the last.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.catch(() => undefined).then(task);
    queue = run;
    return run;
  };

  // The config files' own schema, converting as it does for them (`"8"` becomes 8).
  const validated = (candidate: unknown): NewsroomConfig => validate(configSchema, candidate, 'settings', { convert: true });

  const sectionsChanged = (before: NewsroomConfig, after: NewsroomConfig): Array<keyof NewsroomConfig> =>
    changedSections(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) as Array<keyof NewsroomConfig>;

  /**
   * Restarts the services whose settings changed. A related change rebuilds the index only when
   * `rebuild` is set: the rebuild is one shared job, started by the instance that saved.
   */
  const restart = async (sections: Array<keyof NewsroomConfig>, rebuild: boolean): Promise<boolean> => {
    if (sections.includes('counters')) {
      const counters = getService(strapi, 'counters');
      await counters.stop();
      await counters.start();
    }
    if (sections.includes('rankings')) {
      const rankings = getService(strapi, 'rankings');
      await rankings.stop();
      await rankings.start();
    }
    if (sections.includes('publicAccess')) {
      const publicAccess = getService(strapi, 'publicAccess');
      publicAccess.stop();
      await publicAccess.start();
    }
    if (!sections.includes('related')) return false;
    const related = getService(strapi, 'related');
    await related.restart();
    if (!rebuild) return false;
    await related.startRebuild();
    return true;
  };

  /** What start-up makes of a stored patch: it over the file config, or the files alone if that is invalid. */
  const overFiles = (files: NewsroomConfig, patch: Record<string, unknown>): NewsroomConfig => {
    if (Object.keys(patch).length === 0) return files;
    try {
      return validated(mergeSettings(files, patch));
    } catch (error) {
      // A file config changed since the save can make the patch invalid: the files win.
      strapi.log.warn(`[newsroom] saved settings ignored: ${error instanceof Error ? error.message : String(error)}`);
      return files;
    }
  };

  /**
   * Applies the stored patch if its revision moved since the last look: a save made elsewhere
   * (or here, whose diff is then empty, so nothing restarts twice).
   */
  const follow = async (): Promise<void> => {
    const seen = await store.revision();
    if (seen === revision || !fileConfig) return;
    const before = readConfig(strapi);
    const next = overFiles(fileConfig, await store.read());
    const sections = sectionsChanged(before, next);
    if (sections.length > 0) {
      strapi.config.set('plugin::newsroom', next);
      try {
        await restart(sections, false);
      } catch (error) {
        // Tried again in full at the next poll.
        strapi.config.set('plugin::newsroom', before);
        throw error;
      }
      strapi.log.info(`[newsroom] saved settings applied: ${sections.join(', ')}`);
      void strapi.eventHub.emit('newsroom.settings.applied', { sections });
    }
    revision = seen;
  };

  const poll = (): void => {
    timer = setTimeout(() => {
      void serial(follow)
        .catch((error: unknown) => strapi.log.warn(`[newsroom] saved settings check: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (watching) poll();
        });
    }, readConfig(strapi).settingsPollMs);
    timer.unref();
  };

  return {
    /** Start-up, before the services start: the saved patch over the file config. */
    async load(): Promise<void> {
      fileConfig = readConfig(strapi);
      // Read before the patch: a save landing in between moves it again, and is applied later.
      revision = await store.revision();
      strapi.config.set('plugin::newsroom', overFiles(fileConfig, await store.read()));
    },

    /** Once the services run: follows the saves made on other instances. */
    watch(): void {
      watching = true;
      poll();
    },

    /** Plugin destroy, before the services stop: no apply is running once this resolves. */
    async stop(): Promise<void> {
      watching = false;
      clearTimeout(timer);
      await queue.catch(() => undefined);
    },

    current: (): NewsroomConfig => readConfig(strapi),

    /**
     * Validates `patch` over the current settings, stores it, applies it; nothing changes on a bad
     * value. One save at a time across instances (`SettingsBusyError` after a lease of waiting).
     */
    save: (patch: Record<string, unknown>): Promise<SettingsAnswer<NewsroomConfig>> =>
      serial(() =>
        exclusively(readConfig(strapi).jobs.leaseMs, async () => {
          // A save another instance made before this one is in force here first: this one goes over it.
          await follow();
          const before = readConfig(strapi);
          const next = validated(mergeSettings(before, patch));
          const sections = sectionsChanged(before, next);
          if (sections.length === 0) return { settings: before, rebuildStarted: false };
          // Stored as validated (`"8"` becomes 8), so the store holds what is in force.
          await store.write(mergeSettings(await store.read(), pickPaths(patch, next)));
          strapi.config.set('plugin::newsroom', next);
          const rebuildStarted = await restart(sections, true);
          // Announced once the rebuild exists: the others' restarts then find it running, start none.
          await store.announce();
          return { settings: next, rebuildStarted };
        }),
      ),
  };
};

export type SettingsService = ReturnType<typeof settings>;

export default settings;
