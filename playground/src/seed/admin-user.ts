import type { Core } from '@strapi/strapi';

export interface DemoAdmin {
  email: string;
  password: string;
}

export const demoAdminFromEnv = (env: NodeJS.ProcessEnv = process.env): DemoAdmin => ({
  email: (env.DEMO_ADMIN_EMAIL ?? 'admin@newsroom.local').toLowerCase(),
  password: env.DEMO_ADMIN_PASSWORD ?? 'NewsroomDemo1',
});

/** Creates the demo super admin once; an existing account keeps its password. */
export const ensureDemoAdmin = async (strapi: Core.Strapi, admin: DemoAdmin): Promise<boolean> => {
  if (await strapi.db.query('admin::user').count({ where: { email: admin.email } })) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: admin.email,
    firstname: 'Demo',
    lastname: 'Editor',
    password: admin.password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  return true;
};
