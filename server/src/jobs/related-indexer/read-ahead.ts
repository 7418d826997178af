import type { ArticleSource, PublishedArticle } from '../../index-store/article-source';
import type { ArticleProfile, RelatedSettings } from '../../related';
import { createAnalyser, type Analyser } from '../analyser';
import { indexable } from './memory-index';

/** A batch of a rebuild's index phase: read, and being analysed. */
export interface ReadBatch {
  after: number;
  size: number;
  articles: PublishedArticle[];
  profiles: Promise<ArticleProfile[]>;
}

/**
 * The index phase's next batch, read and analysed on the other thread while one is indexed and
 * stored. It may hold an older version of an article written since: every other write to the
 * index (a save's job, a feed replay, a purge, a reload) drops it.
 */
export const createReadAhead = (source: ArticleSource, settings: RelatedSettings) => {
  let analyser: Analyser | undefined;
  let ahead: ReadBatch | undefined;

  const read = async (after: number, size: number): Promise<ReadBatch> => {
    const articles = await source.findPublishedBatch(after, size);
    analyser ??= createAnalyser(settings);
    const profiles = analyser.analyze(articles.map(indexable));
    // Awaited when its batch is indexed, if it is; a failure is that batch's error.
    profiles.catch(() => undefined);
    return { after, size, articles, profiles };
  };

  return {
    /** The batch after `after`: the one read ahead when it is that one, else read now. */
    async take(after: number, size: number): Promise<ReadBatch> {
      const current = ahead?.after === after && ahead.size === size ? ahead : await read(after, size);
      ahead = undefined;
      return current;
    },

    async readNext(after: number, size: number): Promise<void> {
      ahead = await read(after, size);
    },

    drop(): void {
      ahead = undefined;
    },

    async close(): Promise<void> {
      ahead = undefined;
      await analyser?.close();
    },
  };
};

export type ReadAhead = ReturnType<typeof createReadAhead>;
