import type { Core } from '@strapi/strapi';

const PAGE_READS = ['api::page.page.find', 'api::page.page.findOne'];

/** Lets anyone read the static pages through Strapi's core REST API; adds only what is missing. */
export const grantPublicPageReads = async (strapi: Core.Strapi): Promise<void> => {
  const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) return;
  for (const action of PAGE_READS) {
    if (!(await strapi.db.query('plugin::users-permissions.permission').count({ where: { action, role: role.id } }))) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }
};
