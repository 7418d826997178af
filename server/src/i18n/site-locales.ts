import type { Core } from '@strapi/strapi';

const locales = (strapi: Core.Strapi) => strapi.plugin('i18n').service('locales');

/** The codes of the locales the site has now (i18n's list, which an admin may change at any time). */
export const siteLocales = async (strapi: Core.Strapi): Promise<string[]> =>
  ((await locales(strapi).find()) as Array<{ code: string }>).map((locale) => locale.code);

/** The site's default locale: what a request without `locale` reads. */
export const defaultLocale = async (strapi: Core.Strapi): Promise<string> => (await locales(strapi).getDefaultLocale()) as string;
