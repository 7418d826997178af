import { createRelatedEngine } from '../../../server/src/related';
import { resolveRelatedSettings } from '../../../server/src/related/settings';
import { corpus } from './corpus.fixture';

/**
 * Two instances build their indexes in different orders (saves as they come, start-up in table
 * order): a full recomputation must still give them the same profiles and lists.
 */
describe('order independence', () => {
  // Twelve profile terms: many terms tie at the cut, so the choice among them shows.
  const settings = resolveRelatedSettings({ profileTerms: 12, minScore: 0 });
  const articles = corpus({ dated: true });

  const build = (order: typeof articles) => {
    const engine = createRelatedEngine(settings);
    for (const article of order) engine.upsert(article);
    // Churn: an article removed and saved again moves to another slot (and counts its words again).
    engine.remove(order[0].id);
    engine.upsert(order[0]);
    engine.invalidateProfiles();
    return engine;
  };

  it('gives the same vectors and lists whatever the insertion order', () => {
    const forward = build(articles);
    const backward = build([...articles].reverse());
    for (const { id } of articles) {
      expect(backward.vectorOf(id)).toEqual(forward.vectorOf(id));
      expect(backward.related(id)).toEqual(forward.related(id));
    }
  });

  it('recomputes every profile after invalidateProfiles, as a fresh index does', () => {
    const fresh = createRelatedEngine(settings);
    for (const article of articles) fresh.upsert(article);
    const kept = createRelatedEngine(settings);
    // One at a time, querying between saves: profiles computed against a growing corpus.
    for (const article of articles) {
      kept.upsert(article);
      kept.related(article.id);
    }
    const drifted = articles.some(({ id }) => JSON.stringify(kept.vectorOf(id)?.codes) !== JSON.stringify(fresh.vectorOf(id)?.codes));
    expect(drifted).toBe(true);
    kept.invalidateProfiles();
    for (const { id } of articles) expect(kept.related(id)).toEqual(fresh.related(id));
  });
});
