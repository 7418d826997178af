import {
  createRelatedEngine,
  listContendersFinder,
  packContenders,
  unpackContenders,
  resolveRelatedSettings,
  type ArticleProfile,
  type RelatedEngine,
  type RelatedOptions,
} from '../../../server/src/related';
import type { ListScoringShare } from '../../../server/src/related/list-contenders';
import { corpus } from './corpus.fixture';

/** A list's contenders found from what a helper thread is given: the helper's code run here. */
// Few candidates: which of two equal ones is kept shows.
const settings = resolveRelatedSettings({ minScore: 0, candidates: 6, listSize: 3 });
// Copies under other ids: equal scores, ordered by id, which the helper must order the same way.
const articles = corpus({ dated: true }).flatMap((article, i) =>
  i % 3 === 0 ? [article, { ...article, id: `${i % 2 ? 'a' : 'z'}-copy-${article.id}` }] : [article],
);
const ids = articles.map(({ id }) => id);

/** Editorial rules on some lists: pins and exclusions are blocked from the contenders too. */
const optionsOf = (at: number): RelatedOptions =>
  at % 5 === 0 ? { pinned: [ids[(at + 7) % ids.length]], exclude: [ids[(at + 3) % ids.length]] } : at % 7 === 0 ? { limit: 5 } : {};

const loaded = (): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  engine.upsertMany(articles.map((article) => engine.analyze(article)));
  engine.flush();
  return engine;
};

/** What a thread receives: shared memory as it is, the rest copied. */
const acrossThreads = <T>(value: T): T => structuredClone(value);

/** Every list, its contenders found as the helper finds them, a step of lists packed together as it sends them back. */
const listsWithHelper = (engine: RelatedEngine) => {
  const share = engine.listScoringShare('en') as ListScoringShare;
  const finder = listContendersFinder(acrossThreads(share));
  const targets = ids.map((id, at) => engine.listTarget(id, optionsOf(at)));
  // Found for the index as it stands: used, not found again.
  for (const target of targets) expect(target?.generation ?? share.generation).toBe(share.generation);
  const packed = packContenders(targets.map((target) => (target ? { generation: target.generation, scored: finder(acrossThreads(target)) } : null)));
  const contenders = unpackContenders(acrossThreads(packed));
  return ids.map((id, at) => engine.related(id, { ...optionsOf(at), contenders: contenders[at] }));
};

describe("a list's contenders found by a helper", () => {
  const expected = ids.map((id, at) => loaded().related(id, optionsOf(at)));

  it('are shared over shared memory once a full reprofile built the index', () => {
    const share = loaded().listScoringShare('en') as ListScoringShare;
    expect(share).toBeDefined();
    for (const array of [share.profiles.ids, share.profiles.weights, share.ranks, share.published, share.ineligible])
      expect(Object.prototype.toString.call(array.buffer)).toBe('[object SharedArrayBuffer]');
  });

  it('give the same lists as the engine finds alone, with pins, exclusions and other sizes', () => {
    const engine = loaded();
    expect(expected.some((links) => links.length > 0)).toBe(true);
    expect(listsWithHelper(engine)).toEqual(expected);
  });

  it('are used when found for the index as it stands, and found again once it changed', () => {
    const engine = loaded();
    // A list with links from outside its story (a list of its own options: none).
    const at = ids.findIndex((_, i) => Object.keys(optionsOf(i)).length === 0 && expected[i].some((link) => !link.sameStory));
    const id = ids[at];
    const target = engine.listTarget(id) as NonNullable<ReturnType<RelatedEngine['listTarget']>>;
    const none = { generation: target.generation, slots: new Int32Array(0), scores: new Float64Array(0) };
    // Current: taken as they are (none at all leaves only the story's members).
    expect(engine.related(id, { contenders: none }).every((link) => link.sameStory)).toBe(true);
    engine.upsert(engine.analyze(articles[5]));
    expect(engine.related(id, { contenders: none })).toEqual(expected[at]);
    expect(engine.listScoringShare('en')?.generation).toBeGreaterThan(target.generation);
  });

  it('are not shared from an index restored from stored vectors (the engine finds them itself)', () => {
    const source = loaded();
    const stored = ids.map((id) => JSON.parse(JSON.stringify(source.withVector(source.analyze(articles[ids.indexOf(id)])))) as ArticleProfile);
    const restored = createRelatedEngine(settings);
    restored.upsertMany(stored);
    expect(restored.listScoringShare('en')).toBeUndefined();
    expect(restored.listTarget(ids[0])).toBeDefined();
  });
});
