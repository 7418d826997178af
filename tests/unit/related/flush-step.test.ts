import { createRelatedEngine, resolveRelatedSettings, type IndexableArticle, type RelatedEngine } from '../../../server/src/related';
import { corpus } from './corpus.fixture';

const settings = resolveRelatedSettings();

const loaded = (articles: IndexableArticle[] = corpus()): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  engine.upsertMany(articles.map((article) => engine.analyze(article)));
  return engine;
};

const everything = (engine: RelatedEngine) =>
  corpus().map((article) => ({ id: article.id, links: engine.related(article.id), vector: engine.vectorOf(article.id) }));

describe('RelatedEngine.flushStep', () => {
  const flushed = loaded();
  flushed.flush();
  const expected = everything(flushed);

  it('computes, a few documents at a time, the same profiles and lists as one flush', () => {
    const stepped = loaded();
    const pending: number[] = [];
    let steps = 0;
    while (!stepped.flushStep(3)) {
      steps += 1;
      pending.push(stepped.stats().pendingProfiles);
      expect(steps).toBeLessThan(1000);
    }
    expect(steps).toBeGreaterThan(5);
    expect(pending[0]).toBe(20);
    expect(pending[pending.length - 1]).toBe(0);
    expect(stepped.stats().pendingProfiles).toBe(0);
    expect(stepped.flushStep(3)).toBe(true);
    expect(everything(stepped)).toEqual(expected);
  });

  it('finishes an unfinished reprofile before answering a query', () => {
    const stepped = loaded();
    for (let i = 0; i < 4; i += 1) expect(stepped.flushStep(2)).toBe(false);
    expect(stepped.related('storm-1')).toEqual(flushed.related('storm-1'));
    expect(stepped.flushStep(2)).toBe(true);
    expect(everything(stepped)).toEqual(expected);
  });

  it('finishes an unfinished reprofile before an update', () => {
    const edited = { ...corpus().find((article) => article.id === 'rates-1')!, title: 'Storm floods the central bank' };
    const reference = loaded();
    reference.flush();
    reference.upsert(reference.analyze(edited));
    reference.remove('phones-2');

    const stepped = loaded();
    for (let i = 0; i < 3; i += 1) expect(stepped.flushStep(4)).toBe(false);
    stepped.upsert(stepped.analyze(edited));
    stepped.remove('phones-2');
    while (!stepped.flushStep(4));
    for (const article of corpus()) expect(stepped.related(article.id)).toEqual(reference.related(article.id));
  });

  it('says when the next query would recompute every profile rather than the few saved since', () => {
    const engine = loaded();
    expect(engine.fullPassDue()).toBe(true);
    expect(engine.flushStep(3)).toBe(false);
    // Under way, as much as due.
    expect(engine.fullPassDue()).toBe(true);
    engine.flush();
    expect(engine.fullPassDue()).toBe(false);
    engine.upsert(engine.analyze({ ...corpus()[0], title: 'Storm floods the central bank' }));
    expect(engine.stats().pendingProfiles).toBe(1);
    expect(engine.fullPassDue()).toBe(false);
    engine.flush();
    engine.invalidateProfiles();
    expect(engine.fullPassDue()).toBe(true);
  });
});
