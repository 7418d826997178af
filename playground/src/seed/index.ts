import type { Core } from '@strapi/strapi';
import { demoAdminFromEnv, ensureDemoAdmin } from './admin-user';
import { seedDemoContent } from './content';
import { ensureFrenchLocale } from './locales';
import { seedDemoViews } from './views';

export const seedDemo = async (strapi: Core.Strapi): Promise<void> => {
  await ensureFrenchLocale(strapi);
  const report = await seedDemoContent(strapi);
  const admin = demoAdminFromEnv();
  const created = await ensureDemoAdmin(strapi, admin);

  // Demo data: a synthetic history of views, so the rankings and the chart are not empty at first.
  if (process.env.DEMO_VIEWS !== 'false') {
    const counts = await seedDemoViews(strapi);
    if (counts > 0) {
      await (strapi.plugin('newsroom').service('rankings') as { recomputeNow(): Promise<boolean> }).recomputeNow();
      strapi.log.info(`[demo] seeded a synthetic 14-day history of views and reactions (${counts} hourly counts, demo data)`);
    }
  }

  const added = Object.entries(report).filter(([, count]) => count > 0);
  strapi.log.info(
    added.length ? `[demo] seeded ${added.map(([kind, count]) => `${count} ${kind}`).join(', ')}` : '[demo] demo content already in place, nothing to seed',
  );
  const port = strapi.config.get<number>('server.port', 1337);
  strapi.log.info(
    `[demo] log in at http://localhost:${port}/admin as ${admin.email}` +
      (created ? ` with password ${admin.password} (DEMO_ADMIN_PASSWORD)` : ' (account already existed)'),
  );
};
