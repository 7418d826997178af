import { createRelatedEngine, resolveRelatedSettings, type IndexableArticle, type RelatedEngine, type RelatedSettings } from '../../../server/src/related';
import { corpus } from './corpus.fixture';

// Copies of one article under other ids: every other document scores them exactly alike.
const articles = (): IndexableArticle[] => {
  const all = corpus();
  const storm = all.find((article) => article.id === 'storm-0')!;
  return [...all, { ...storm, id: 'storm-copy-b' }, { ...storm, id: 'storm-copy-a' }];
};

const built = (order: IndexableArticle[], settings: RelatedSettings): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  for (const article of order) engine.upsert(engine.analyze(article));
  return engine;
};

// Complements determinism.test.ts: ties at the cut of a candidate pool.
describe('RelatedEngine: insertion order', () => {
  it('keeps the same of several equally scored candidates when only some fit', () => {
    // Two candidates per list: the three copies of storm-0 tie for storm-1's first place.
    const settings = resolveRelatedSettings({ candidates: 2, listSize: 2 });
    const forward = built(articles(), settings)
      .related('storm-1')
      .map((link) => link.id);
    const backward = built([...articles()].reverse(), settings)
      .related('storm-1')
      .map((link) => link.id);
    expect(forward).toEqual(['storm-0', 'storm-copy-a']);
    expect(backward).toEqual(forward);
  });
});
