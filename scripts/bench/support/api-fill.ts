import type { Core } from '@strapi/strapi';
import { getService } from '../../../server/src/services/access';
import { removeDatabase, startPlayground, stopPlayground } from '../../../support/playground';
import { insertSyntheticArticles, withoutConsistencyCheck } from './fill';
import { createCorpus, defaultShape } from './synthetic-articles';

/**
 * A demo database (sections, rankings, the "About us" page) plus `articles` synthetic published
 * articles inserted in bulk, their related lists rebuilt (unless `related` is false), views on a
 * few hundred of them and the rankings computed from those views.
 */
export const fillDatabase = async (databaseFile: string, articles: number, related: boolean): Promise<{ rebuildSeconds: number }> => {
  let strapi: Core.Strapi | undefined;
  try {
    withoutConsistencyCheck();
    // The views are this script's own (below), not the demo's synthetic history.
    process.env.DEMO_VIEWS = 'false';
    strapi = await startPlayground({ databaseFile, seed: true });
    const { documentIds } = await insertSyntheticArticles(strapi, createCorpus(42, defaultShape()), articles);
    const started = Date.now();
    if (related) {
      await getService(strapi, 'related').startRebuild();
      await getService(strapi, 'related').settle();
    }
    const rebuildSeconds = (Date.now() - started) / 1000;
    const counters = getService(strapi, 'counters');
    for (const [index, documentId] of documentIds.slice(0, 300).entries()) {
      for (let reader = 0; reader < 1 + (index % 7); reader += 1) {
        await counters.recordView({
          documentId,
          visitor: { ip: '198.51.100.7', userAgent: `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 bench-${index}-${reader}` },
        });
      }
    }
    await counters.flush();
    await getService(strapi, 'rankings').recomputeNow();
    return { rebuildSeconds };
  } catch (error) {
    removeDatabase(databaseFile);
    throw error;
  } finally {
    await stopPlayground(strapi);
  }
};
