import { CorpusStats, TermDictionary } from '../../../server/src/related/corpus-stats';

describe('TermDictionary', () => {
  it('interns terms as dense, stable ids', () => {
    const dictionary = new TermDictionary();
    expect(dictionary.intern('storm')).toBe(0);
    expect(dictionary.intern('rain')).toBe(1);
    expect(dictionary.intern('storm')).toBe(0);
    expect(dictionary.idOf('rain')).toBe(1);
    expect(dictionary.idOf('snow')).toBeUndefined();
    expect(dictionary.term(1)).toBe('rain');
    expect(dictionary.size).toBe(2);
  });
});

describe('CorpusStats', () => {
  it('keeps document frequencies and lengths up to date as documents come and go', () => {
    const stats = new CorpusStats();
    expect(stats.addDocument([0, 1], 10)).toEqual([]);
    expect(stats.addDocument([1, 2], 30)).toEqual([1]);
    expect(stats.docCount).toBe(2);
    expect(stats.docFreq(1)).toBe(2);
    expect(stats.docFreq(0)).toBe(1);
    expect(stats.docFreq(99)).toBe(0);
    expect(stats.averageLength).toBe(20);
    stats.removeDocument([0, 1], 10);
    expect(stats.docCount).toBe(1);
    expect(stats.docFreq(0)).toBe(0);
    expect(stats.docFreq(1)).toBe(1);
    expect(stats.averageLength).toBe(30);
    stats.removeDocument([1, 2], 30);
    expect(stats.docCount).toBe(0);
    expect(stats.averageLength).toBe(1);
  });

  it('computes the smoothed IDF, ln((1+N)/(1+df)) + 1', () => {
    const stats = new CorpusStats();
    for (let i = 0; i < 9; i += 1) stats.addDocument(i < 3 ? [0, 1] : [1], 1);
    expect(stats.idf(0)).toBeCloseTo(Math.log(10 / 4) + 1, 12);
    expect(stats.idf(1)).toBeCloseTo(Math.log(10 / 10) + 1, 12);
    expect(stats.idf(0)).toBeGreaterThan(stats.idf(1));
  });

  it('weighs terms with BM25 saturation and length normalisation', () => {
    const stats = new CorpusStats();
    stats.addDocument([0, 1], 10);
    stats.addDocument([0], 30);
    const k1 = 1.2;
    const b = 0.75;
    const short = stats.lengthNorm(10, k1, b);
    const long = stats.lengthNorm(30, k1, b);
    expect(short).toBeCloseTo(k1 * (1 - b + (b * 10) / 20), 12);
    const idf = Math.log(3 / 3) + 1;
    expect(stats.weight(0, 2, short, k1, 1)).toBeCloseTo(((2 * (k1 + 1)) / (2 + short)) * idf, 12);
    // Saturation: doubling tf less than doubles the weight; longer documents weigh less.
    expect(stats.weight(0, 4, short, k1, 1)).toBeLessThan(2 * stats.weight(0, 2, short, k1, 1));
    expect(stats.weight(0, 2, long, k1, 1)).toBeLessThan(stats.weight(0, 2, short, k1, 1));
    // Below the minimum document frequency a term weighs nothing.
    expect(stats.weight(1, 2, short, k1, 2)).toBe(0);
    expect(stats.weight(1, 2, short, k1, 1)).toBeGreaterThan(0);
  });
});

describe('CorpusStats.idfTable', () => {
  const expectTableMatches = (stats: CorpusStats, minDocFreq: number, terms: number): void => {
    const table = stats.idfTable(minDocFreq);
    for (let id = 0; id < terms; id += 1) {
      const expected = stats.docFreq(id) >= Math.max(1, minDocFreq) ? stats.idf(id) : 0;
      expect([id, id < table.length ? table[id] : 0]).toEqual([id, expected]);
    }
  };

  it('stays exact through re-saves, new terms and new documents, rewriting only what changed', () => {
    const stats = new CorpusStats();
    const docs: number[][] = [];
    for (let doc = 0; doc < 300; doc += 1) {
      const ids = [doc % 7, 10 + (doc % 50), 100 + doc];
      docs.push(ids);
      stats.addDocument(ids, 20);
    }
    expectTableMatches(stats, 2, 2000);
    // Re-saves: the same document count, other terms, some never seen (the table must grow).
    for (let round = 0; round < 40; round += 1) {
      const doc = (round * 37) % docs.length;
      stats.removeDocument(docs[doc], 20);
      docs[doc] = [round % 3, 60 + round, 1500 + round * 10];
      stats.addDocument(docs[doc], 20);
      expectTableMatches(stats, 2, 2000);
    }
    // A new document changes every term's IDF.
    stats.addDocument([1, 2, 3], 20);
    expectTableMatches(stats, 2, 2000);
    expectTableMatches(stats, 1, 2000);
  });
});
