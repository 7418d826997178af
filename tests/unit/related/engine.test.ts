import {
  createRelatedEngine,
  resolveRelatedSettings,
  type ArticleProfile,
  type IndexableArticle,
  type RelatedEngine,
  type StoredVector,
} from '../../../server/src/related';
import { corpus, subjectOf } from './corpus.fixture';

const build = (articles: IndexableArticle[] = corpus(), settings = resolveRelatedSettings()): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  for (const article of articles) engine.upsert(engine.analyze(article));
  return engine;
};

const ids = (links: { id: string }[]): string[] => links.map((link) => link.id);

describe('RelatedEngine: relevance', () => {
  const engine = build();

  it('lists the three other articles on the same subject first, for every article', () => {
    for (const article of corpus()) {
      const links = engine.related(article.id);
      expect(links.length).toBeGreaterThanOrEqual(3);
      expect(links.length).toBeLessThanOrEqual(10);
      expect(ids(links).slice(0, 3).map(subjectOf)).toEqual([article.subject, article.subject, article.subject]);
      expect(ids(links)).not.toContain(article.id);
    }
  });

  it('returns scores in (0, 1], best first, with readable shared terms as reasons', () => {
    const links = engine.related('election-0');
    for (const link of links) {
      expect(link.score).toBeGreaterThan(0);
      expect(link.score).toBeLessThanOrEqual(1);
    }
    expect(links.map((link) => link.score)).toEqual([...links.map((link) => link.score)].sort((a, b) => b - a));
    const reasons = links[0].reasons;
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(3);
    // Surface forms, not stems: "election" is stemmed to "elect" in the index.
    expect(reasons.join(' ')).not.toMatch(/\belect\b/);
    expect(reasons.some((word) => /election|parliament|government|general election/i.test(word))).toBe(true);
  });

  it('is deterministic', () => {
    const again = build();
    for (const article of corpus()) expect(again.related(article.id)).toEqual(engine.related(article.id));
  });

  it('respects the minimum score and the list size', () => {
    expect(engine.related('storm-0', { limit: 4 })).toHaveLength(4);
    const strict = engine.related('storm-0', { minScore: 0.99 });
    expect(strict).toEqual([]);
    // Without the relative cutoff, every candidate above the minimum may fill the list.
    const everything = build(corpus(), resolveRelatedSettings({ cutoff: { relative: 0, direct: 0 } })).related('storm-0', { limit: 100, minScore: 0 });
    expect(everything.length).toBeGreaterThan(10);
    expect(everything.length).toBeLessThanOrEqual(19);
  });

  it('gives an empty list for unknown ids', () => {
    expect(engine.related('nope')).toEqual([]);
    expect(engine.has('nope')).toBe(false);
    expect(engine.has('rates-1')).toBe(true);
    expect(engine.size()).toBe(20);
  });
});

describe('RelatedEngine: locales', () => {
  it('never lists an article of another locale', () => {
    const english = corpus();
    const french = corpus({ locale: 'fr' }).map((article) => ({ ...article, id: `fr:${article.id}` }));
    const engine = build([...english, ...french]);
    for (const article of english) expect(ids(engine.related(article.id, { limit: 50, minScore: 0 })).every((id) => !id.startsWith('fr:'))).toBe(true);
    for (const article of french) expect(ids(engine.related(article.id, { limit: 50, minScore: 0 })).every((id) => id.startsWith('fr:'))).toBe(true);
    expect(engine.stats().locales).toEqual({ en: 20, fr: 20 });
  });

  it('moves a document that changes locale', () => {
    const engine = build();
    const moved = { ...corpus()[0], locale: 'de' };
    engine.upsert(engine.analyze(moved));
    expect(engine.localeOf(moved.id)).toBe('de');
    expect(engine.size()).toBe(20);
    expect(ids(engine.related('election-1', { limit: 50, minScore: 0 }))).not.toContain(moved.id);
  });
});

describe('RelatedEngine: index updates', () => {
  it('drops a removed article from every list', () => {
    const engine = build();
    expect(ids(engine.related('rates-1'))).toContain('rates-0');
    expect(engine.remove('rates-0')).toBe(true);
    expect(engine.remove('rates-0')).toBe(false);
    expect(engine.has('rates-0')).toBe(false);
    for (const article of corpus()) {
      if (article.id !== 'rates-0') expect(ids(engine.related(article.id, { limit: 50, minScore: 0 }))).not.toContain('rates-0');
    }
    expect(engine.related('rates-0')).toEqual([]);
  });

  it('re-ranks an article whose content changed', () => {
    const engine = build();
    const rewritten = { ...corpus().find((article) => article.id === 'football-3')!, ...corpus().find((a) => a.id === 'storm-2')!, id: 'football-3' };
    engine.upsert(engine.analyze(rewritten));
    expect(engine.size()).toBe(20);
    const links = ids(engine.related('football-3'));
    expect(links.slice(0, 3).map(subjectOf)).toEqual(['storm', 'storm', 'storm']);
    expect(ids(engine.related('storm-0')).slice(0, 4)).toContain('football-3');
  });

  it("leaves no posting of a re-saved article's old profile and misses none of its new one", () => {
    const engine = build();
    const rewrite = (id: string, as: string) => ({ ...corpus().find((a) => a.id === as)!, id });
    // Each list is computed right after its article's save, before the other save: the order of a job.
    engine.upsert(engine.analyze(rewrite('football-3', 'storm-2')));
    expect(ids(engine.related('football-3')).slice(0, 3).map(subjectOf)).toEqual(['storm', 'storm', 'storm']);
    engine.upsert(engine.analyze(rewrite('storm-1', 'rates-0')));
    expect(ids(engine.related('storm-1')).slice(0, 3).map(subjectOf)).toEqual(['rates', 'rates', 'rates']);
    const profileTerms = corpus().reduce((sum, article) => sum + (engine.vectorOf(article.id)?.terms.length ?? 0), 0);
    expect(engine.stats().postings).toBe(profileTerms);
    expect(ids(engine.related('storm-0')).slice(0, 4)).toContain('football-3');
    expect(ids(engine.related('storm-0'))).not.toContain('storm-1');
    expect(ids(engine.related('rates-1')).slice(0, 4)).toContain('storm-1');
  });

  it('puts a new article in the lists of older articles on its subject', () => {
    const engine = build();
    const fresh: IndexableArticle = {
      id: 'election-new',
      locale: 'en',
      title: 'Second general election called after coalition talks collapse',
      body:
        'The prime minister called a second general election after talks to form a coalition government collapsed. ' +
        'Opposition parties said voters in marginal constituencies would punish the government at the polls.',
      tags: ['General election'],
    };
    engine.upsert(engine.analyze(fresh));
    const affected = engine.affectedBy('election-new');
    for (const older of ['election-0', 'election-1', 'election-2', 'election-3']) {
      expect(affected).toContain(older);
      expect(ids(engine.related(older)).slice(0, 4)).toContain('election-new');
    }
    expect(affected).not.toContain('election-new');
  });

  it('reports the lists that hold an article as affected, and only them after removal', () => {
    const engine = build();
    expect(engine.affectedBy('phones-0', { listedIn: ['rates-2', 'phones-0'] })).toContain('rates-2');
    expect(engine.affectedBy('phones-0', { listedIn: ['rates-2'] })).not.toContain('phones-0');
    engine.remove('phones-0');
    expect(engine.affectedBy('phones-0', { listedIn: ['phones-1', 'phones-2', 'phones-1'] })).toEqual(['phones-1', 'phones-2']);
  });

  it('adds documents beyond the fan-out when they beat the lowest score of the list they would enter', () => {
    const settings = resolveRelatedSettings({ neighbours: { fanout: 1, pool: 50 } });
    const engine = build(corpus(), settings);
    const nearestOnly = engine.affectedBy('storm-0');
    expect(nearestOnly).toHaveLength(1);
    const all = engine.affectedBy('storm-0', { kthScore: () => -Infinity });
    expect(all.length).toBeGreaterThan(5);
    expect(engine.affectedBy('storm-0', { kthScore: () => 2 })).toEqual(nearestOnly);
  });

  it('refreshes an older profile when one of its terms becomes shared', () => {
    const engine = build();
    const lonely: IndexableArticle = {
      id: 'lonely',
      locale: 'en',
      title: 'Zorblax festival opens',
      body: 'The zorblax festival opened with music and dancing.',
    };
    engine.upsert(engine.analyze(lonely));
    engine.flush();
    const vectorTerms = (id: string): string[] => engine.withVector({ ...engine.analyze({ ...lonely, id }) }).vector?.terms ?? [];
    expect(vectorTerms('lonely')).not.toContain('zorblax');
    engine.takeChangedVectors();
    engine.upsert(engine.analyze({ id: 'second', locale: 'en', title: 'Zorblax festival draws crowds', body: 'Crowds came to the zorblax festival.' }));
    engine.flush();
    expect(engine.takeChangedVectors()).toEqual(expect.arrayContaining(['lonely', 'second']));
    expect(vectorTerms('lonely')).toContain('zorblax');
    expect(ids(engine.related('lonely'))[0]).toBe('second');
    expect(engine.related('second')[0].reasons).toContain('zorblax');
  });
});

describe('RelatedEngine: editorial controls', () => {
  const engine = build(corpus().map((article) => (article.id === 'phones-3' ? { ...article, neverListElsewhere: true } : article)));

  it('never lists an article flagged "never list elsewhere", which keeps its own list', () => {
    for (const article of corpus()) {
      if (article.id !== 'phones-3') expect(ids(engine.related(article.id, { limit: 50, minScore: 0 }))).not.toContain('phones-3');
    }
    expect(ids(engine.related('phones-3')).slice(0, 3).map(subjectOf)).toEqual(['phones', 'phones', 'phones']);
    expect(ids(engine.related('phones-0', { pinned: ['phones-3'] }))).not.toContain('phones-3');
  });

  it('puts pins first in their order, then computed links, within the limit', () => {
    const links = engine.related('storm-0', { pinned: ['rates-1', 'football-2', 'missing', 'storm-0', 'rates-1'], limit: 5 });
    expect(ids(links).slice(0, 2)).toEqual(['rates-1', 'football-2']);
    expect(links[0].pinned).toBe(true);
    expect(links[2].pinned).toBeUndefined();
    expect(ids(links).slice(2).map(subjectOf)).toEqual(['storm', 'storm', 'storm']);
    expect(links).toHaveLength(5);
  });

  it('never lists excluded articles, and hides the list on request', () => {
    const links = ids(engine.related('storm-0', { exclude: ['storm-1', 'storm-2'], pinned: ['storm-2'] }));
    expect(links).not.toContain('storm-1');
    expect(links).not.toContain('storm-2');
    expect(links[0]).toBe('storm-3');
    expect(engine.related('storm-0', { hideRelated: true })).toEqual([]);
  });

  it('lists only eligible candidates', () => {
    const links = ids(engine.related('storm-0', { isEligible: (id) => !id.startsWith('storm'), pinned: ['storm-1', 'rates-0'] }));
    expect(links[0]).toBe('rates-0');
    expect(links.length).toBeGreaterThan(1);
    expect(links.every((id) => !id.startsWith('storm'))).toBe(true);
  });

  it('caps the links from one section, topping up the list only with backfill', () => {
    const capped = build(corpus(), resolveRelatedSettings({ diversity: { maxPerSection: 1, backfill: false } }));
    const links = ids(capped.related('storm-0'));
    expect(new Set(links.map(subjectOf)).size).toBe(links.length);
    expect(links.length).toBeLessThanOrEqual(5);
    const backfilled = build(corpus(), resolveRelatedSettings({ diversity: { maxPerSection: 1, backfill: true }, cutoff: { relative: 0, direct: 0 } }));
    expect(backfilled.related('storm-0')).toHaveLength(10);
  });
});

describe('RelatedEngine: drafts, storage and restore', () => {
  it('computes the list of an article that is not indexed, never listing its own id', () => {
    const engine = build();
    const draft = { ...corpus().find((article) => article.id === 'rates-2')!, title: 'Central bank holds interest rates as inflation eases' };
    const links = ids(engine.related(draft));
    expect(links).not.toContain('rates-2');
    expect(links.slice(0, 3).map(subjectOf)).toEqual(['rates', 'rates', 'rates']);
    expect(engine.size()).toBe(20);
    const unsaved = ids(engine.related({ ...draft, id: 'brand-new' }));
    expect(unsaved.slice(0, 4).map(subjectOf)).toEqual(['rates', 'rates', 'rates', 'rates']);
    // The query changed nothing in the index.
    expect(engine.related('rates-0')).toEqual(build().related('rates-0'));
  });

  it('restores from stored profiles with vectors, giving the same lists without recomputing', () => {
    const engine = build();
    const stored: ArticleProfile[] = corpus().map((article) => JSON.parse(JSON.stringify(engine.withVector(engine.analyze(article)))) as ArticleProfile);
    expect(stored.every((profile) => profile.vector && profile.vector.terms.length > 0)).toBe(true);
    const restored = createRelatedEngine(engine.settings);
    restored.upsertMany(stored);
    expect(restored.stats().pendingProfiles).toBe(0);
    for (const article of corpus()) expect(restored.related(article.id)).toEqual(engine.related(article.id));
    expect(restored.takeChangedVectors()).toEqual([]);
  });

  it('stores vectors as the integer codes it keeps, and restores those earlier versions stored as decimals the same', () => {
    const engine = build();
    const stored: ArticleProfile[] = corpus().map((article) => JSON.parse(JSON.stringify(engine.withVector(engine.analyze(article)))) as ArticleProfile);
    const codes = (vector: StoredVector | undefined): number[] => vector?.codes ?? [];
    expect(stored.every(({ vector }) => vector?.scale === 65535 && codes(vector).every((code) => Number.isInteger(code) && code > 0 && code <= 65535))).toBe(
      true,
    );
    // No `weights`: an earlier version (which needs them) computes the vector again rather than misread the codes.
    expect(stored.every(({ vector }) => vector !== undefined && !('weights' in vector))).toBe(true);
    // As earlier versions wrote them: each weight's 32-bit float in nine significant digits.
    const decimals = stored.map((profile) => {
      const { codes: coded = [], scale = 1, ...vector } = profile.vector as StoredVector;
      return { ...profile, vector: { ...vector, weights: coded.map((code) => Number(Math.fround(code / scale).toPrecision(9))) } };
    });
    const restored = createRelatedEngine(engine.settings);
    restored.upsertMany(decimals);
    expect(restored.stats().pendingProfiles).toBe(0);
    for (const article of corpus()) {
      expect(restored.vectorOf(article.id)).toEqual(engine.vectorOf(article.id));
      expect(restored.related(article.id)).toEqual(engine.related(article.id));
    }
    // A scale that cannot be divided by: the vector is computed again.
    const broken = createRelatedEngine(engine.settings);
    broken.upsertMany(stored.map((profile, at) => (at === 0 ? { ...profile, vector: { ...(profile.vector as StoredVector), scale: 0 } } : profile)));
    expect(broken.stats().pendingProfiles).toBe(1);
  });

  it('restores from stored profiles without vectors, recomputing them', () => {
    const engine = build();
    const restored = createRelatedEngine(engine.settings);
    restored.upsertMany(corpus().map((article) => JSON.parse(JSON.stringify(engine.analyze(article))) as ArticleProfile));
    expect(restored.stats().pendingProfiles).toBe(20);
    for (const article of corpus()) expect(restored.related(article.id)).toEqual(engine.related(article.id));
    expect(restored.stats().pendingProfiles).toBe(0);
  });

  it('tells profiles analysed with other settings apart', () => {
    const engine = build();
    const profile = engine.analyze(corpus()[0]);
    expect(engine.isCurrent(profile)).toBe(true);
    const other = createRelatedEngine(resolveRelatedSettings({ fieldWeights: { title: 5 } }));
    expect(other.isCurrent(profile)).toBe(false);
    expect(() => engine.upsert({ format: 2 } as unknown as ArticleProfile)).toThrow(TypeError);
  });

  it('reports its size', () => {
    const engine = build();
    engine.flush();
    const stats = engine.stats();
    expect(stats.documents).toBe(20);
    expect(stats.pendingProfiles).toBe(0);
    expect(stats.postings).toBeGreaterThan(20 * 10);
    expect(stats.terms).toBeGreaterThan(100);
  });
});
