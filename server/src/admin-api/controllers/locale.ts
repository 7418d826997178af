import type { Core } from '@strapi/strapi';
import { defaultLocale } from '../../i18n/site-locales';

/** The locale asked for, or the app's default one. */
export const localeOr = async (strapi: Core.Strapi, locale: string | undefined): Promise<string> => locale ?? (await defaultLocale(strapi));
