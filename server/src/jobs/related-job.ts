import type { RebuildStatus } from '../contracts/dashboard';
import type { RelatedIndexer } from './related-indexer';
import type { JobRun } from './worker';

/**
 * Whether a list computed now would first recompute every profile in the app's thread (stopping
 * the site for minutes at a million articles) while a running rebuild is about to do it on both
 * cores: a rebuild of a new index, or of an archive much of which changed. A rebuild of a running
 * site keeps the profiles of the articles it finds unchanged (`indexAfter`): its saves run at once.
 */
export const awaitsRebuild = async (indexer: Pick<RelatedIndexer, 'fullPassDue'>, rebuildStatus: () => Promise<RebuildStatus | null>): Promise<boolean> =>
  indexer.fullPassDue() && (await rebuildStatus())?.status === 'running';

/** A save's job: its lists, or postponed until the running rebuild has recomputed every profile. */
export const relatedJobRun =
  (indexer: Pick<RelatedIndexer, 'fullPassDue' | 'recompute'>, rebuildStatus: () => Promise<RebuildStatus | null>): JobRun =>
  async (job) => {
    if (await awaitsRebuild(indexer, rebuildStatus)) return 'postponed';
    await indexer.recompute(job, job.force);
  };
