import type { Core } from '@strapi/strapi';

/** The locale asked for, or the app's default one. */
export const localeOr = async (strapi: Core.Strapi, locale: string | undefined): Promise<string> =>
  locale ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
