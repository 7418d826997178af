import type { Knex } from 'knex';
import type { ArticleSource, PublishedArticle } from '../../index-store/article-source';
import type { RelatedSettings } from '../../related';
import type { IndexerContext, ListChanges } from './context';
import { createFeedSync } from './feed-sync';
import { createLocalePurge } from './locale-purge';
import { MemoryIndex } from './memory-index';
import { createReadAhead } from './read-ahead';
import { createRebuildSteps, heldIn } from './rebuild-steps';
import { createRecompute, type RecomputeTimings } from './recompute';
import { createStartUp } from './start-up';

export type { ListChanges } from './context';
export type { RecomputeTimings } from './recompute';

/**
 * Keeps the in-memory engine, the profile table and the stored lists in step: a job for one
 * article re-reads its published version, re-indexes it, stores its list, and refreshes the
 * lists it now enters or leaves. Never reads the engine's state from anywhere but memory.
 * Its parts: a save's job (`recompute.ts`), the replay of other instances' writes
 * (`feed-sync.ts`), the start-up (`start-up.ts`), a rebuild's steps (`rebuild-steps.ts`) and
 * the purge of deleted locales (`locale-purge.ts`), over one in-memory index (`memory-index.ts`).
 * After `load`, what writes runs in the worker, one at a time (jobs, rebuild steps, the check's
 * purge), the feed replayed first each time it takes the writer lock; only `preview` runs beside
 * them, at their awaits.
 */
export const createRelatedIndexer = (
  db: () => Knex,
  source: ArticleSource,
  settings: RelatedSettings,
  owner: string,
  onRecomputed: (timings: RecomputeTimings) => void = () => {},
  onChanged: (changes: ListChanges) => void = () => {},
) => {
  const memory = new MemoryIndex(settings, source);
  const readAhead = createReadAhead(source, settings, heldIn(db, memory));
  const context: IndexerContext = { db, source, settings, owner, memory, readAhead, onChanged };
  const startUp = createStartUp(context);
  const rebuild = createRebuildSteps(context);
  const purge = createLocalePurge(context);

  /** Starts again from the stored profiles (after missing too much of the feed). */
  const reload = async (): Promise<void> => {
    readAhead.drop();
    memory.reset();
    await rebuild.reset();
    await startUp.load();
  };

  return {
    ...startUp,
    sync: createFeedSync(context, reload),
    recompute: createRecompute(context, onRecomputed),
    ...purge,
    preview: (article: PublishedArticle) => memory.preview(article),
    size: () => memory.engine.size(),
    /** Whether a list computed now would first recompute every profile of a locale (see `RelatedEngine.fullPassDue`). */
    fullPassDue: () => memory.engine.fullPassDue(),
    /** The engine's sizes (documents, terms, postings): the health of the index, for diagnostics and benchmarks. */
    engineStats: () => memory.engine.stats(),
    close: async () => {
      await readAhead.close();
      await rebuild.close();
    },
    ...rebuild.steps,
  };
};

export type RelatedIndexer = ReturnType<typeof createRelatedIndexer>;
