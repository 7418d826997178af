import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validate } from '../../content-api/validators';
import type { SettingsService } from '../../services/settings';
import { settingsBody } from '../validators';

/** The Settings page: the settings in force, and saving a change to them. */
const adminSettings = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin('newsroom').service('settings') as SettingsService;

  return {
    async find(ctx: Context): Promise<void> {
      ctx.body = { data: { settings: settings().current(), rebuildStarted: false } };
    },

    async update(ctx: Context): Promise<void> {
      const patch = validate(settingsBody, ctx.request.body, 'settings') as Record<string, unknown>;
      ctx.body = { data: await settings().save(patch) };
    },
  };
};

export default adminSettings;
