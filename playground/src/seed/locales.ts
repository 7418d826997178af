import type { Core } from '@strapi/strapi';

/** The demo's second language; English is Strapi's default locale. */
export const ensureFrenchLocale = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('fr'))) {
    await locales.create({ code: 'fr', name: 'French (fr)' });
  }
};
