import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { NewsroomConfig } from '../../config';
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
      const answer = await settings().save(patch);
      ctx.body = { data: { ...answer, settings: shown(answer.settings) } } satisfies UpdateSettings.Response;
    },
  };
};

export default adminSettings;
