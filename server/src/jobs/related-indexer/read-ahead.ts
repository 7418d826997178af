import type { ArticleSource, PublishedArticle } from '../../index-store/article-source';
import type { RowStamp } from '../../index-store/stamps';
import type { ArticleProfile, RelatedSettings } from '../../related';
import { createAnalyser, type Analyser } from '../analyser';
import { indexable } from './memory-index';

/** A batch of a rebuild's index phase: read, and being analysed. */
export interface ReadBatch {
  after: number;
  size: number;
  articles: PublishedArticle[];
  /** Of each article, its stored stamp when the index and the table hold it in this version (then it is not analysed). */
  held: (RowStamp | undefined)[];
  /** Of each article not held, its profile. */
  profiles: Promise<(ArticleProfile | undefined)[]>;
}

/** Which of these articles the index and the profile table already hold in the version read: their stored stamps. */
export type FindHeld = (articles: PublishedArticle[]) => Promise<(RowStamp | undefined)[]>;

/**
 * Batches read and queued for analysis ahead of the one being indexed. With one, the thread
 * waited while this one read the next batch: each thread idle a quarter of the index phase at
 * 100,000 articles. With two, the thread has the next batch queued whenever it finishes one.
 */
const AHEAD = 2;

/** Whether `batch` is the batch of `size` after `after`. */
const isBatch = (batch: ReadBatch | undefined, after: number, size: number): batch is ReadBatch => batch?.after === after && batch.size === size;

/**
 * The index phase's next batches, read and analysed on the other thread while one is indexed and
 * stored. They may hold an older version of an article written since: every other write to the
 * index (a save's job, a feed replay, a purge, a reload) drops them.
 */
export const createReadAhead = (source: ArticleSource, settings: RelatedSettings, findHeld: FindHeld) => {
  let analyser: Analyser | undefined;
  let ahead: ReadBatch[] = [];

  const read = async (after: number, size: number): Promise<ReadBatch> => {
    const articles = await source.findPublishedBatch(after, size);
    const held = await findHeld(articles);
    analyser ??= createAnalyser(settings);
    const analysed = analyser.analyze(articles.filter((_, at) => !held[at]).map(indexable));
    const profiles = analysed.then((found) => {
      let next = 0;
      return held.map((stamp) => (stamp ? undefined : found[next++]));
    });
    // Awaited when its batch is indexed, if it is; a failure is that batch's error.
    profiles.catch(() => undefined);
    return { after, size, articles, held, profiles };
  };

  return {
    /** The batch after `after`: the first read ahead when it is that one, else read now (dropping those read ahead). */
    async take(after: number, size: number): Promise<ReadBatch> {
      const [first, ...rest] = ahead;
      if (isBatch(first, after, size)) {
        ahead = rest;
        return first;
      }
      ahead = [];
      return read(after, size);
    },

    /** Reads the batches after `after` that are not read ahead yet, up to `AHEAD`, stopping at the end. */
    async readNext(after: number, size: number): Promise<void> {
      const queue = isBatch(ahead[0], after, size) ? ahead : [];
      while (queue.length < AHEAD) {
        const last = queue[queue.length - 1];
        if (last && last.articles.length === 0) break;
        const from = last ? last.articles[last.articles.length - 1].rowId : after;
        queue.push(await read(from, size));
      }
      ahead = queue;
    },

    drop(): void {
      ahead = [];
    },

    async close(): Promise<void> {
      ahead = [];
      await analyser?.close();
    },
  };
};

export type ReadAhead = ReturnType<typeof createReadAhead>;
