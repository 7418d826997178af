import type { Worker } from 'worker_threads';
import type { Core } from '@strapi/strapi';
import { grantPublicPageReads } from './public-pages';
import { seedDemo } from './seed';
import { FALLBACK_AUTOCHECKPOINT, startWalCheckpoints } from './wal-checkpoints';

let checkpoints: Worker | undefined;

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // SQLite's default rollback journal syncs the disk several times per commit (1.4 ms median,
    // 9 ms p95 here); write-ahead logging with NORMAL sync is the usual production setting and
    // stays safe against a process crash. Its checkpoints run on a thread of their own.
    if (strapi.config.get('database.connection.client') === 'sqlite') {
      await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
      await strapi.db.connection.raw('PRAGMA synchronous = NORMAL');
      await strapi.db.connection.raw(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT}`);
      const filename = strapi.config.get<string>('database.connection.connection.filename');
      checkpoints = startWalCheckpoints(filename, (error) => strapi.log.warn(`SQLite checkpoints stopped: ${error.message}`));
    }
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicPageReads(strapi);
    if (process.env.DEMO_SEED !== 'false') await seedDemo(strapi);
  },

  async destroy() {
    await checkpoints?.terminate();
    checkpoints = undefined;
  },
};
