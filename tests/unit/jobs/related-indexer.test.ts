import type { ArticleSource, PublishedArticle } from '../../../server/src/index-store/article-source';
import { profileStore } from '../../../server/src/index-store/profiles';
import { createRelatedIndexer } from '../../../server/src/jobs/related-indexer';
import { defaultRelatedSettings, type ArticleProfile } from '../../../server/src/related';
import { useMemoryTables } from '../../support/memory-tables';

const article = (rowId: number, version: string, body: string): PublishedArticle => ({
  rowId,
  documentId: `doc${rowId}`,
  locale: 'en',
  version,
  title: `Story ${rowId}`,
  dek: '',
  body,
  tags: [],
  sectionId: null,
  sectionName: '',
  publicationTime: Date.parse(version),
  hideRelated: false,
  neverListAsRelated: false,
  pinned: [],
  excluded: [],
});

/** Published articles held in memory, in row order: what the indexer reads from Strapi's tables. */
const memorySource = (articles: PublishedArticle[]): ArticleSource => {
  const published = () => [...articles].sort((a, b) => a.rowId - b.rowId);
  const byKey = (documentId: string, locale: string) => articles.find((entry) => entry.documentId === documentId && entry.locale === locale) ?? null;
  return {
    findPublished: async ({ documentId, locale }) => byKey(documentId, locale),
    findPublishedByKeys: async (keys) => keys.flatMap(({ documentId, locale }) => byKey(documentId, locale) ?? []),
    findDraft: async () => null,
    findPublishedBatch: async (after, size) => published().filter((entry) => entry.rowId > after).slice(0, size),
    findRulesBatch: async (after, size) => published().filter((entry) => entry.rowId > after).slice(0, size),
    listPublishedVersions: async () => published().map(({ documentId, locale, version }) => ({ documentId, locale, version })),
    countPublished: async () => articles.length,
  };
};

const db = useMemoryTables();

describe('related indexer, index phase of a rebuild', () => {
  it('does not index an article from a batch read before the article was saved again', async () => {
    const articles = [1, 2, 3, 4].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      // The first batch is indexed; the second (rows 3 and 4) is read and analysed meanwhile.
      const first = await indexer.indexAfter(null, 2);
      // Row 3 is saved again and its job runs before the rebuild's next batch.
      articles[2] = article(3, '2026-11-02T10:00:00.000Z', 'Glacier melt and alpine rivers.');
      await indexer.recompute({ documentId: 'doc3', locale: 'en' });
      await indexer.indexAfter(first.cursor, 2);
      const [stored] = await profileStore.find<ArticleProfile, unknown>(db(), [{ documentId: 'doc3', locale: 'en' }]);
      expect(stored.version).toBe('2026-11-02T10:00:00.000Z');
      expect(stored.profile.terms).toContain('glacier');
    } finally {
      await indexer.close();
    }
  });

  it('indexes every article, batch after batch, to the end', async () => {
    const articles = [1, 2, 3, 4, 5].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      let cursor: string | null = null;
      let indexed = 0;
      do {
        const step: { cursor: string | null; count: number } = await indexer.indexAfter(cursor, 2);
        cursor = step.cursor;
        indexed += step.count;
      } while (cursor !== null);
      expect(indexed).toBe(5);
      const stored = await profileStore.find<ArticleProfile, unknown>(db(), articles.map(({ documentId, locale }) => ({ documentId, locale })));
      expect(stored.map((entry) => entry.profile.terms).every((terms) => terms.includes('harbour'))).toBe(true);
      expect(stored.map((entry) => entry.documentId).sort()).toEqual(['doc1', 'doc2', 'doc3', 'doc4', 'doc5']);
    } finally {
      await indexer.close();
    }
  });
});

describe('related indexer, start-up', () => {
  it('warms a save\'s code up by reading and listing a few articles, and writes nothing', async () => {
    const articles = [1, 2, 3, 4, 5, 6, 7].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const source = memorySource(articles);
    const first = createRelatedIndexer(db, source, defaultRelatedSettings, 'test');
    for (const { documentId, locale } of articles) await first.recompute({ documentId, locale });
    await first.close();
    const tables = async () => Promise.all(['newsroom_related_links', 'newsroom_related_profiles', 'newsroom_related_changes'].map((table) => db()(table).select('*')));
    const before = await tables();
    expect(before[0].length).toBeGreaterThan(0);

    const reads: string[] = [];
    const counting: ArticleSource = { ...source, findPublished: async (key) => (reads.push(key.documentId), source.findPublished(key)) };
    const restarted = createRelatedIndexer(db, counting, defaultRelatedSettings, 'test');
    try {
      expect(await restarted.load()).toBe(7);
      expect(reads).toHaveLength(5);
      expect(await tables()).toEqual(before);
      // The index it warmed up with gives the lists the first instance stored.
      const stored = await db()('newsroom_related_links').where({ document_id: 'doc1' }).orderBy('position').pluck('target_document_id');
      await restarted.recompute({ documentId: 'doc1', locale: 'en' }, true);
      expect(await db()('newsroom_related_links').where({ document_id: 'doc1' }).orderBy('position').pluck('target_document_id')).toEqual(stored);
    } finally {
      await restarted.close();
    }
  });
});
