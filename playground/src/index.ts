import type { Core } from '@strapi/strapi';
import { grantPublicPageReads } from './public-pages';
import { seedDemo } from './seed';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicPageReads(strapi);
    if (process.env.DEMO_SEED !== 'false') await seedDemo(strapi);
  },
};
