import type { Core } from '@strapi/strapi';
import { demoAdminFromEnv, ensureDemoAdmin } from './admin-user';
import { seedDemoContent } from './content';
import { ensureFrenchLocale } from './locales';

export const seedDemo = async (strapi: Core.Strapi): Promise<void> => {
  await ensureFrenchLocale(strapi);
  const report = await seedDemoContent(strapi);
  const admin = demoAdminFromEnv();
  const created = await ensureDemoAdmin(strapi, admin);

  const added = Object.entries(report).filter(([, count]) => count > 0);
  strapi.log.info(
    added.length
      ? `[demo] seeded ${added.map(([kind, count]) => `${count} ${kind}`).join(', ')}`
      : '[demo] demo content already in place, nothing to seed',
  );
  const port = strapi.config.get<number>('server.port', 1337);
  strapi.log.info(
    `[demo] log in at http://localhost:${port}/admin as ${admin.email}` +
      (created ? ` with password ${admin.password} (DEMO_ADMIN_PASSWORD)` : ' (account already existed)'),
  );
};
