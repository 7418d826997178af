import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { NewsroomConfig } from '../../config';
import { SettingsBusyError } from '../../config/saved/save-lock';
import type { GetSettings, UpdateSettings } from '../../contracts/settings';
import { getService } from '../../services/access';
import { validate } from '../../validation';
import { settingsBody } from '../validators';

/** The purge token is a secret of the config files: the admin sees whether one is set, never its value. */
const shown = (config: NewsroomConfig): NewsroomConfig => ({
  ...config,
  edge: { ...config.edge, purge: { ...config.edge.purge, token: config.edge.purge.token ? '(set)' : '' } },
});

/** The Settings page: the settings in force, and saving a change to them. */
const adminSettings = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  return {
    async find(ctx: Context): Promise<void> {
      ctx.body = { data: { settings: shown(settings().current()), rebuildStarted: false } } satisfies GetSettings.Response;
    },

    async update(ctx: Context): Promise<void> {
      const patch = validate(settingsBody, ctx.request.body, 'settings');
      try {
        const answer = await settings().save(patch);
        ctx.body = { data: { ...answer, settings: shown(answer.settings) } } satisfies UpdateSettings.Response;
      } catch (error) {
        if (!(error instanceof SettingsBusyError)) throw error;
        // Strapi's own errors have no 409; nothing was stored.
        ctx.status = 409;
        ctx.set('Retry-After', '5');
        ctx.body = { data: null, error: { status: 409, name: error.name, message: error.message } };
      }
    },
  };
};

export default adminSettings;
