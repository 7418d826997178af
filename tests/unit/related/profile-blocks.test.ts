import { createRelatedEngine, profileBlockComputer, resolveRelatedSettings, type RelatedEngine } from '../../../server/src/related';
import type { ProfileBlock, ProfileStageShare } from '../../../server/src/related/profile-blocks';
import { corpus } from './corpus.fixture';

/** A full reprofile's profiles stage shared with a helper: the helper's code run here, on what a thread would be given. */
// Few candidates and one story link per article: which of two equal ones is kept shows.
const settings = resolveRelatedSettings({ minScore: 0, expansion: { candidates: 4 }, stories: { links: 1 } });
// Copies under other ids: equal scores, ordered by id, which the helper must order the same way.
const articles = corpus({ dated: true }).flatMap((article, i) =>
  i % 3 === 0 ? [article, { ...article, id: `${i % 2 ? 'a' : 'z'}-copy-${article.id}` }] : [article],
);

const loaded = (): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  engine.upsertMany(articles.map((article) => engine.analyze(article)));
  return engine;
};

const everything = (engine: RelatedEngine) =>
  articles.map(({ id }) => ({ id, links: engine.related(id), vector: engine.vectorOf(id), story: engine.storyMembers(id) }));

/** What a thread receives: shared memory as it is, the rest copied. */
const acrossThreads = <T>(value: T): T => structuredClone(value);

const reference = loaded();
reference.flush();
const expected = everything(reference);

describe('a full reprofile with a helper', () => {
  it('gives the same profiles, lists and stories when a helper computes every other block', () => {
    const engine = loaded();
    const computers = new Map<number, (block: ProfileBlock) => void>();
    let helped = 0;
    let steps = 0;
    while (!engine.flushStep(2)) {
      steps += 1;
      expect(steps).toBeLessThan(1000);
      const work = engine.claimProfiles(3);
      if (!work) continue;
      const share: ProfileStageShare = acrossThreads(work.share);
      expect(Object.prototype.toString.call(share.unit.buffer)).toBe('[object SharedArrayBuffer]');
      const compute = computers.get(share.pass) ?? profileBlockComputer(share);
      computers.set(share.pass, compute);
      // It writes into the block's shared output; only the block's place comes back.
      compute(acrossThreads(work.block));
      engine.acceptProfiles(work.block.pass, work.block.from);
      helped += work.block.slots.length;
    }
    expect(helped).toBeGreaterThanOrEqual(6);
    expect(everything(engine)).toEqual(expected);
  });

  it('waits for a block it gave, and computes it itself when the helper is gone', () => {
    const engine = loaded();
    let work = engine.claimProfiles(2);
    while (!work) {
      expect(engine.flushStep(2)).toBe(false);
      work = engine.claimProfiles(2);
    }
    // The helper never answers: the stage stops at its block.
    for (let i = 0; i < 5; i += 1) engine.flushStep(2);
    expect(engine.waitingForHelper).toBe(true);
    expect(engine.stats().pendingProfiles).toBeGreaterThan(0);
    engine.releaseProfiles();
    expect(engine.waitingForHelper).toBe(false);
    while (!engine.flushStep(2));
    expect(everything(engine)).toEqual(expected);
  });

  it('finishes alone when a query cannot wait, and ignores the block that comes back late', () => {
    const engine = loaded();
    let work = engine.claimProfiles(4);
    while (!work) {
      engine.flushStep(2);
      work = engine.claimProfiles(4);
    }
    profileBlockComputer(work.share)(work.block);
    expect(engine.related(articles[0].id)).toEqual(reference.related(articles[0].id));
    engine.acceptProfiles(work.block.pass, work.block.from);
    expect(engine.claimProfiles(4)).toBeUndefined();
    expect(everything(engine)).toEqual(expected);
  });
});
