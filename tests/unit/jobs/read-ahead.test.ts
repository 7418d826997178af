import type { ArticleSource, PublishedArticle } from '../../../server/src/index-store/article-source';
import { indexable } from '../../../server/src/jobs/related-indexer/memory-index';
import { createReadAhead, type FindHeld } from '../../../server/src/jobs/related-indexer/read-ahead';
import { createProfile, defaultRelatedSettings } from '../../../server/src/related';

const article = (rowId: number): PublishedArticle => ({
  rowId,
  documentId: `doc${rowId}`,
  locale: 'en',
  updatedAt: 0,
  version: `v${rowId}`,
  title: `Harbour strike day ${rowId}`,
  dek: '',
  body: `Dockers walked out for the ${rowId}th day as talks on pay stalled.`,
  tags: [],
  sectionId: null,
  sectionName: '',
  publicationTime: 0,
  hideRelated: false,
  neverListAsRelated: false,
  pinned: [],
  excluded: [],
  notInStory: [],
});

/** Published rows 1–7 in row order; records the cursor of every batch read. */
const recordingSource = () => {
  const rows = [1, 2, 3, 4, 5, 6, 7].map(article);
  const reads: number[] = [];
  const source = {
    findPublishedBatch: async (after: number, size: number) => {
      reads.push(after);
      return rows.filter((row) => row.rowId > after).slice(0, size);
    },
  } as Pick<ArticleSource, 'findPublishedBatch'> as ArticleSource;
  return { source, reads };
};

const noneHeld: FindHeld = async (articles) => articles.map(() => undefined);

describe('the index phase read-ahead', () => {
  it('keeps two batches read and analysed ahead of the one taken, in row order, to the end', async () => {
    const { source, reads } = recordingSource();
    const ahead = createReadAhead(source, defaultRelatedSettings, noneHeld);
    try {
      const taken: number[][] = [];
      let after = 0;
      for (;;) {
        const batch = await ahead.take(after, 2);
        if (batch.articles.length === 0) break;
        expect(await batch.profiles).toEqual(batch.articles.map((one) => createProfile(indexable(one), defaultRelatedSettings)));
        taken.push(batch.articles.map((one) => one.rowId));
        after = batch.articles[batch.articles.length - 1].rowId;
        await ahead.readNext(after, 2);
        // The thread has the next two batches before this one is indexed (the last ones: up to the empty end).
        if (taken.length === 1) expect(reads).toEqual([0, 2, 4]);
      }
      expect(taken).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
      // Every batch read once, and nothing read past the empty one.
      expect(reads).toEqual([0, 2, 4, 6, 7]);
    } finally {
      await ahead.close();
    }
  });

  it('analyses only the articles the index does not hold in the version read', async () => {
    const { source } = recordingSource();
    const evenHeld: FindHeld = async (articles) => articles.map((one) => (one.rowId % 2 === 0 ? { rowId: one.rowId, updatedAt: 0 } : undefined));
    const ahead = createReadAhead(source, defaultRelatedSettings, evenHeld);
    try {
      const batch = await ahead.take(0, 4);
      expect(batch.held).toEqual([undefined, { rowId: 2, updatedAt: 0 }, undefined, { rowId: 4, updatedAt: 0 }]);
      expect(await batch.profiles).toEqual([
        createProfile(indexable(article(1)), defaultRelatedSettings),
        undefined,
        createProfile(indexable(article(3)), defaultRelatedSettings),
        undefined,
      ]);
    } finally {
      await ahead.close();
    }
  });

  it('reads again what it held once dropped (an article may have been written since)', async () => {
    const { source, reads } = recordingSource();
    const ahead = createReadAhead(source, defaultRelatedSettings, noneHeld);
    try {
      await ahead.take(0, 2);
      await ahead.readNext(2, 2);
      ahead.drop();
      const batch = await ahead.take(2, 2);
      expect(batch.articles.map((one) => one.rowId)).toEqual([3, 4]);
      expect(reads).toEqual([0, 2, 4, 2]);
      // A cursor other than the one read ahead reads that batch, not the one held.
      await ahead.readNext(4, 2);
      expect((await ahead.take(5, 2)).articles.map((one) => one.rowId)).toEqual([6, 7]);
    } finally {
      await ahead.close();
    }
  });
});
