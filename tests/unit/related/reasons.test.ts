import { CorpusStats } from '../../../server/src/related/corpus-stats';
import type { DocTerms } from '../../../server/src/related/term-weights';
import { sharedTerms } from '../../../server/src/related/reasons';
import { resolveRelatedSettings } from '../../../server/src/related/settings';

// Term ids: 0 "storm", 1 "#heavy rain", 2 "rain", 3 "heavy", 4 "coast", 5 "the" (everywhere).
const display = ['storm', 'Heavy Rain', 'rain', 'heavy', 'coast', 'the'];
const doc = (entries: [number, number][]): DocTerms => ({
  ids: entries.map(([id]) => id),
  tf: entries.map(([, tf]) => tf),
  tfScale: 1,
  length: entries.reduce((sum, [, tf]) => sum + tf, 0),
});

describe('sharedTerms', () => {
  const stats = new CorpusStats();
  const a = doc([
    [0, 3],
    [1, 3],
    [2, 3],
    [3, 3],
    [5, 1],
  ]);
  const b = doc([
    [0, 1],
    [1, 3],
    [2, 2],
    [3, 3],
    [4, 2],
    [5, 1],
  ]);
  stats.addDocument(a.ids, a.length);
  stats.addDocument(b.ids, b.length);
  for (let i = 0; i < 20; i += 1) stats.addDocument([4, 5], 2);
  const settings = resolveRelatedSettings();

  it('lists the terms both documents hold, strongest first, a tag hiding its own words', () => {
    expect(sharedTerms(a, b, 3, stats, settings, (id) => display[id])).toEqual(['Heavy Rain', 'storm', 'the']);
  });

  it('gives at most the requested number, and none for 0', () => {
    expect(sharedTerms(a, b, 1, stats, settings, (id) => display[id])).toEqual(['Heavy Rain']);
    expect(sharedTerms(a, b, 0, stats, settings, (id) => display[id])).toEqual([]);
  });

  it('skips terms below the minimum document frequency', () => {
    const strict = resolveRelatedSettings({ minDocFreq: 3 });
    expect(sharedTerms(a, b, 3, stats, strict, (id) => display[id])).toEqual(['the']);
  });
});
