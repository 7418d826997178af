import { createRelatedEngine, resolveRelatedSettings, type IndexableArticle, type RelatedEngine, type RelatedSettings } from '../../../server/src/related';
import { corpus } from './corpus.fixture';

// Copies of one article under other ids: every other document scores them exactly alike.
const articles = (): IndexableArticle[] => {
  const all = corpus();
  const storm = all.find((article) => article.id === 'storm-0')!;
  const rates = all.find((article) => article.id === 'rates-3')!;
  return [...all, { ...storm, id: 'storm-copy-b' }, { ...storm, id: 'storm-copy-a' }, { ...rates, id: 'rates-copy' }];
};

const built = (order: IndexableArticle[], settings: RelatedSettings = resolveRelatedSettings()): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  for (const article of order) engine.upsert(engine.analyze(article));
  return engine;
};

describe('RelatedEngine: insertion order', () => {
  it('gives the same lists whatever order the documents came in', () => {
    const forward = built(articles());
    const backward = built([...articles()].reverse());
    const rotated = built([...articles().slice(9), ...articles().slice(0, 9)]);
    for (const { id } of articles()) {
      const expected = forward.related(id);
      expect(expected.length).toBeGreaterThan(3);
      expect(backward.related(id)).toEqual(expected);
      expect(rotated.related(id)).toEqual(expected);
    }
    const tied = forward.related('storm-1').map((link) => link.id);
    expect(tied.indexOf('storm-0')).toBeLessThan(tied.indexOf('storm-copy-a'));
    expect(tied.indexOf('storm-copy-a')).toBeLessThan(tied.indexOf('storm-copy-b'));
  });

  it('keeps the same of several equally scored candidates when only some fit', () => {
    // Two candidates per list: the three copies of storm-0 tie for storm-1's first place.
    const settings = resolveRelatedSettings({ candidates: 2, listSize: 2 });
    const forward = built(articles(), settings).related('storm-1').map((link) => link.id);
    const backward = built([...articles()].reverse(), settings).related('storm-1').map((link) => link.id);
    expect(forward).toEqual(['storm-0', 'storm-copy-a']);
    expect(backward).toEqual(forward);
  });
});
