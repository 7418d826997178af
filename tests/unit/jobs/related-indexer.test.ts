import type { ArticleSource, PublishedArticle } from '../../../server/src/index-store/article-source';
import { profileStore } from '../../../server/src/index-store/profiles';
import type { ClaimedJob } from '../../../server/src/jobs/queue';
import { createRelatedIndexer, type RelatedIndexer } from '../../../server/src/jobs/related-indexer';
import { relatedJobRun } from '../../../server/src/jobs/related-job';
import { createRebuildRecords } from '../../../server/src/jobs/rebuild-records';
import { defaultRelatedSettings, type ArticleProfile } from '../../../server/src/related';
import { useMemoryTables } from '../../support/memory-tables';

const article = (rowId: number, version: string, body: string): PublishedArticle => ({
  rowId,
  documentId: `doc${rowId}`,
  locale: 'en',
  updatedAt: Date.parse(version),
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
  notInStory: [],
});

/** Published articles held in memory, in row order: what the indexer reads from Strapi's tables. */
const memorySource = (articles: PublishedArticle[]): ArticleSource => {
  const published = () => [...articles].sort((a, b) => a.rowId - b.rowId);
  const byKey = (documentId: string, locale: string) => articles.find((entry) => entry.documentId === documentId && entry.locale === locale) ?? null;
  return {
    findPublished: async ({ documentId, locale }) => byKey(documentId, locale),
    findPublishedByKeys: async (keys) => keys.flatMap(({ documentId, locale }) => byKey(documentId, locale) ?? []),
    findDraft: async () => null,
    findPublishedBatch: async (after, size) =>
      published()
        .filter((entry) => entry.rowId > after)
        .slice(0, size),
    findRulesBatch: async (after, size) =>
      published()
        .filter((entry) => entry.rowId > after)
        .slice(0, size),
    listPublishedStamps: async () => published().map(({ documentId, locale, rowId, updatedAt }) => ({ documentId, locale, rowId, updatedAt })),
    publishedFingerprint: async () => ({
      count: articles.length,
      rowIdSum: articles.reduce((sum, entry) => sum + entry.rowId, 0),
      latestUpdate: Math.max(0, ...articles.map((entry) => entry.updatedAt)),
    }),
    countPublished: async () => articles.length,
  };
};

const db = useMemoryTables();

/** A rebuild's whole index phase, in batches of `size`; answers how many articles it indexed. */
const indexAll = async (indexer: RelatedIndexer, size: number): Promise<number> => {
  let indexed = 0;
  for (let cursor: string | null = null; ;) {
    const step: { cursor: string | null; count: number } = await indexer.indexAfter(cursor, size);
    indexed += step.count;
    cursor = step.cursor;
    if (cursor === null) return indexed;
  }
};

/** A claimed job of the queue for this article, as the worker hands it over. */
const jobFor = (documentId: string): ClaimedJob => ({ id: 1, documentId, locale: 'en', generation: 1, attempts: 0, force: false });

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
      expect(await indexAll(indexer, 2)).toBe(5);
      const stored = await profileStore.find<ArticleProfile, unknown>(
        db(),
        articles.map(({ documentId, locale }) => ({ documentId, locale })),
      );
      expect(stored.map((entry) => entry.profile.terms).every((terms) => terms.includes('harbour'))).toBe(true);
      expect(stored.map((entry) => entry.documentId).sort()).toEqual(['doc1', 'doc2', 'doc3', 'doc4', 'doc5']);
    } finally {
      await indexer.close();
    }
  });

  it('keeps the profiles of the articles it finds as indexed, and indexes again those changed behind its back', async () => {
    const articles = [1, 2, 3, 4, 5, 6].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      await indexAll(indexer, 2);
      // A new index: its first list computes every profile.
      expect(indexer.fullPassDue()).toBe(true);
      await indexer.recompute({ documentId: 'doc1', locale: 'en' }, true);
      expect(indexer.fullPassDue()).toBe(false);
      // Written without Strapi's hooks (an import): no job told the index.
      articles[3] = article(4, '2026-11-02T10:00:00.000Z', 'Glacier melt and alpine rivers.');
      const rebuildStarted = Date.now();
      await indexAll(indexer, 2);
      expect(indexer.engineStats().pendingProfiles).toBe(1);
      expect(indexer.fullPassDue()).toBe(false);
      const stored = await profileStore.find<ArticleProfile, unknown>(
        db(),
        articles.map(({ documentId, locale }) => ({ documentId, locale })),
      );
      expect(stored.find((entry) => entry.documentId === 'doc4')?.profile.terms).toContain('glacier');
      // Every profile was stored again: the rebuild's end, which drops those it did not see, keeps them all.
      await indexer.dropStale(rebuildStarted);
      expect(await db()('newsroom_related_profiles').count({ n: '*' })).toEqual([{ n: 6 }]);
    } finally {
      await indexer.close();
    }
  });

  it('leaves the stored vectors of the articles it finds as indexed: an instance loading or following the index meanwhile lists at once', async () => {
    const articles = [1, 2, 3, 4, 5, 6].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const source = memorySource(articles);
    const first = createRelatedIndexer(db, source, defaultRelatedSettings, 'first');
    for (const { documentId, locale } of articles) await first.recompute({ documentId, locale });
    await first.close();
    const vectors = () => db()('newsroom_related_vectors').orderBy('document_id').pluck('document_id');
    expect(await vectors()).toEqual(['doc1', 'doc2', 'doc3', 'doc4', 'doc5', 'doc6']);

    const rebuilding = createRelatedIndexer(db, source, defaultRelatedSettings, 'rebuilding');
    const following = createRelatedIndexer(db, source, defaultRelatedSettings, 'following');
    try {
      await rebuilding.load();
      await following.load();
      articles[3] = article(4, '2026-11-02T10:00:00.000Z', 'Glacier melt and alpine rivers.');
      // Published again with the same content: a new row.
      articles[4] = { ...articles[4], rowId: 15 };
      const profilesBefore = await db()('newsroom_related_profiles').orderBy('document_id').pluck('profile');
      const feedBefore = await db()('newsroom_related_changes').max({ id: 'id' }).first();
      await indexAll(rebuilding, 2);
      // The changed article's vector is outdated: gone. The others' stay until the lists phase.
      expect(await vectors()).toEqual(['doc1', 'doc2', 'doc3', 'doc5', 'doc6']);
      // Only the changed article was written again, and only it is in the feed; the moved one's stamp follows its row.
      const profilesAfter = await db()('newsroom_related_profiles').orderBy('document_id').pluck('profile');
      expect(profilesAfter.filter((profile, at) => profile !== profilesBefore[at])).toHaveLength(1);
      expect(
        await db()('newsroom_related_changes')
          .where('id', '>', feedBefore?.id ?? 0)
          .pluck('document_id'),
      ).toEqual(['doc4']);
      expect(await rebuilding.reconcile()).toEqual([]);
      await following.sync();
      expect(following.fullPassDue()).toBe(false);
      const loading = createRelatedIndexer(db, source, defaultRelatedSettings, 'loading');
      try {
        expect(await loading.load()).toBe(6);
        expect(loading.fullPassDue()).toBe(false);
      } finally {
        await loading.close();
      }
    } finally {
      await rebuilding.close();
      await following.close();
    }
  });
});

describe("a save's job during a rebuild", () => {
  it('waits while its list would recompute every profile first, and runs once the rebuild has recomputed them', async () => {
    const articles = [1, 2, 3, 4, 5, 6].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    const records = createRebuildRecords(db, indexer, () => defaultRelatedSettings);
    const run = relatedJobRun(indexer, records.status);
    const job = jobFor('doc2');
    const listOf = () => db()('newsroom_related_links').where({ document_id: 'doc2' }).pluck('target_document_id');
    try {
      const { id } = await records.start();
      // The index phase of a new index: every profile is still to compute.
      await indexer.indexAfter(null, 10);
      expect(indexer.fullPassDue()).toBe(true);
      // An editor saves doc2 meanwhile.
      articles[1] = article(2, '2026-11-02T10:00:00.000Z', 'Harbour cranes and glacier ferries, a new report.');
      expect(await run(job)).toBe('postponed');
      expect(indexer.fullPassDue()).toBe(true);
      expect(await listOf()).toEqual([]);
      // The lists phase's first batch (doc1's list only) recomputes every profile first.
      expect(await indexer.relistAfter(null, 1, id, async () => true)).not.toBeNull();
      expect(indexer.fullPassDue()).toBe(false);
      expect(await listOf()).toEqual([]);
      expect(await run(job)).toBeUndefined();
      expect((await listOf()).length).toBeGreaterThan(0);
      const [stored] = await profileStore.find<ArticleProfile, unknown>(db(), [{ documentId: 'doc2', locale: 'en' }]);
      expect(stored.profile.terms).toContain('glacier');
    } finally {
      await indexer.close();
    }
  });

  it('stores its own changes only, between two batches of the lists phase: not every vector and story the reprofile recomputed', async () => {
    // Twelve subjects, twelve stories of one article: a save changes no other article's story.
    const subjects = [
      'harbour cranes',
      'orchard frost',
      'violin makers',
      'subway fares',
      'desert locusts',
      'chess olympiad',
      'bakery strike',
      'comet sighting',
      'ferry timetable',
      'museum theft',
      'rugby final',
      'bridge repairs',
    ];
    const articles = subjects.map((subject, at) => ({ ...article(at + 1, '2026-11-01T10:00:00.000Z', `${subject}, ${subject}.`), title: subject }));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    const records = createRebuildRecords(db, indexer, () => defaultRelatedSettings);
    try {
      const { id } = await records.start();
      await indexer.indexAfter(null, 20);
      expect(await indexer.relistAfter(null, 2, id, async () => true)).not.toBeNull();
      articles[11] = article(12, '2026-11-02T10:00:00.000Z', 'Glacier melt and alpine rivers.');
      await indexer.recompute({ documentId: 'doc12', locale: 'en' });
      const written = await db()('newsroom_related_changes').where({ source: 'job' }).pluck('document_id');
      expect(written).toContain('doc12');
      expect(written.length).toBeLessThan(4);
    } finally {
      await indexer.close();
    }
  });

  it('runs at once when no rebuild is running, whatever it costs', async () => {
    const articles = [1, 2, 3].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    const records = createRebuildRecords(db, indexer, () => defaultRelatedSettings);
    try {
      await indexer.indexAfter(null, 10);
      expect(indexer.fullPassDue()).toBe(true);
      expect((await records.status())?.status).not.toBe('running');
      articles[0] = article(1, '2026-11-02T10:00:00.000Z', 'Harbour cranes and glacier ferries, a new report.');
      expect(await relatedJobRun(indexer, records.status)(jobFor('doc1'))).toBeUndefined();
      expect(indexer.fullPassDue()).toBe(false);
    } finally {
      await indexer.close();
    }
  });
});

describe('related indexer, start-up', () => {
  it("warms a save's code up by reading and listing a few articles, and writes nothing", async () => {
    const articles = [1, 2, 3, 4, 5, 6, 7].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const source = memorySource(articles);
    const first = createRelatedIndexer(db, source, defaultRelatedSettings, 'test');
    for (const { documentId, locale } of articles) await first.recompute({ documentId, locale });
    await first.close();
    const tables = async () =>
      Promise.all(['newsroom_related_links', 'newsroom_related_profiles', 'newsroom_related_changes'].map((table) => db()(table).select('*')));
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

  it('does not warm up when the stored profiles have no vectors (a rebuild stopped in its index phase): that would recompute every profile', async () => {
    const articles = [1, 2, 3, 4].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const source = memorySource(articles);
    const stopped = createRelatedIndexer(db, source, defaultRelatedSettings, 'test');
    await stopped.indexAfter(null, 10);
    await stopped.close();
    const reads: string[] = [];
    const counting: ArticleSource = { ...source, findPublished: async (key) => (reads.push(key.documentId), source.findPublished(key)) };
    const restarted = createRelatedIndexer(db, counting, defaultRelatedSettings, 'test');
    try {
      expect(await restarted.load()).toBe(4);
      expect(reads).toEqual([]);
      expect(restarted.fullPassDue()).toBe(true);
    } finally {
      await restarted.close();
    }
  });
});

describe('related indexer, reconciliation by row stamps', () => {
  it('finds re-created, edited and removed rows without reading articles, and a same-content job only moves the stamp', async () => {
    const articles = [1, 2, 3].map((rowId) => article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      for (const { documentId, locale } of articles) await indexer.recompute({ documentId, locale });
      const fingerprints = await indexer.fingerprints();
      expect(fingerprints.indexed).toEqual(fingerprints.published);
      expect(await indexer.mayBeStale()).toBe(false);
      expect(await indexer.reconcile()).toEqual([]);

      // An import re-creates doc2's row with the same content; doc3 is edited in place.
      articles[1] = { ...articles[1], rowId: 12 };
      articles[2] = {
        ...article(3, '2026-11-01T10:00:00.000Z', 'Glacier melt and alpine rivers.'),
        updatedAt: Date.parse('2026-11-03T10:00:00.000Z'),
        version: 'edited',
      };
      const moved = await indexer.fingerprints();
      expect(moved.indexed).not.toEqual(moved.published);
      expect(await indexer.mayBeStale()).toBe(true);
      expect((await indexer.reconcile()).map((key) => key.documentId).sort()).toEqual(['doc2', 'doc3']);

      const links = async () => db()('newsroom_related_links').orderBy(['document_id', 'position']).select('document_id', 'target_document_id', 'score');
      const before = await links();
      const changes = await db()('newsroom_related_changes').count({ n: '*' }).first();
      await indexer.recompute({ documentId: 'doc2', locale: 'en' });
      // Nothing recomputed or told to other instances: only the stamp moved to row 12.
      expect(await links()).toEqual(before);
      expect(await db()('newsroom_related_changes').count({ n: '*' }).first()).toEqual(changes);
      expect(await db()('newsroom_related_profiles').where({ document_id: 'doc2' }).first('source_row_id')).toEqual({ source_row_id: 12 });

      await indexer.recompute({ documentId: 'doc3', locale: 'en' });
      const [stored] = await profileStore.find<ArticleProfile, unknown>(db(), [{ documentId: 'doc3', locale: 'en' }]);
      expect(stored.profile.terms).toContain('glacier');
      expect(await indexer.reconcile()).toEqual([]);

      // A row deleted behind the hooks: its stored profile has no published row any more.
      articles.splice(0, 1);
      expect(await indexer.reconcile()).toEqual([{ documentId: 'doc1', locale: 'en' }]);
    } finally {
      await indexer.close();
    }
  });

  it('treats a profile stored before stamps existed as changed', async () => {
    const articles = [article(1, '2026-11-01T10:00:00.000Z', 'Harbour cranes and ferries.')];
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      await indexer.recompute({ documentId: 'doc1', locale: 'en' });
      await db()('newsroom_related_profiles').update({ source_row_id: null, source_updated_at: null });
      expect(await indexer.reconcile()).toEqual([{ documentId: 'doc1', locale: 'en' }]);
    } finally {
      await indexer.close();
    }
  });
});

describe('related indexer, a deleted locale', () => {
  it('purges its profiles, lists and jobs at once, keeps the other locales, and tells the other instances', async () => {
    const articles = [1, 2, 3, 4].map((rowId) => ({
      ...article(rowId, '2026-11-01T10:00:00.000Z', `Harbour cranes and ferries, report number ${rowId}.`),
      locale: rowId > 2 ? 'fr' : 'en',
    }));
    const indexer = createRelatedIndexer(db, memorySource(articles), defaultRelatedSettings, 'test');
    try {
      for (const { documentId, locale } of articles) await indexer.recompute({ documentId, locale });
      await db()('newsroom_related_jobs').insert({ document_id: 'doc3', locale: 'fr', run_after: 0, created_at: 0 });
      expect(indexer.indexedLocales().sort()).toEqual(['en', 'fr']);

      expect(await indexer.purgeLocales(['fr'])).toBe(2);
      expect(indexer.indexedLocales()).toEqual(['en']);
      for (const table of ['newsroom_related_profiles', 'newsroom_related_vectors', 'newsroom_related_links', 'newsroom_related_jobs']) {
        expect(await db()(table).where({ locale: 'fr' }).count({ n: '*' }).first()).toEqual({ n: 0 });
      }
      expect(await db()('newsroom_related_links').where({ locale: 'en' }).count({ n: '*' }).first()).toEqual({ n: 2 });
      const told = await db()('newsroom_related_changes').where({ source: 'purge' }).orderBy('document_id').pluck('document_id');
      expect(told).toEqual(['doc3', 'doc4']);
    } finally {
      await indexer.close();
    }
  });
});
