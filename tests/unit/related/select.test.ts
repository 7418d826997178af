import { selectRelated, type Candidate, type SelectionRules } from '../../../server/src/related/select';

const candidate = (id: string, score: number, section: string | null = null, extra: Partial<Candidate> = {}): Candidate => ({ id, score, section, ...extra });

const rules = (overrides: Partial<SelectionRules> = {}): SelectionRules => ({
  self: 'me',
  limit: 4,
  minScore: 0.1,
  maxPerSection: 0,
  backfill: true,
  ...overrides,
});

const ids = (list: { id: string }[]): string[] => list.map((item) => item.id);

describe('selectRelated', () => {
  const pool = [
    candidate('c', 0.5, 'news'),
    candidate('a', 0.9, 'news'),
    candidate('b', 0.7, 'sport'),
    candidate('d', 0.3, 'news'),
    candidate('e', 0.05, 'news'),
  ];

  it('lists the best candidates above the minimum score, best first', () => {
    expect(ids(selectRelated(pool, [], rules()))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(selectRelated(pool, [], rules({ limit: 10 })))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(selectRelated(pool, [], rules({ minScore: 0.6 })))).toEqual(['a', 'b']);
  });

  it('puts pins first in their order, whatever their score, then fills up', () => {
    const list = selectRelated(pool, [candidate('d', 0.3, 'news'), candidate('z', 0, null)], rules());
    expect(ids(list)).toEqual(['d', 'z', 'a', 'b']);
    expect(list.map((item) => item.pinned)).toEqual([true, true, false, false]);
    expect(ids(selectRelated(pool, [candidate('x', 0, null), candidate('y', 0, null)], rules({ limit: 1 })))).toEqual(['x']);
  });

  it('never lists excluded, opted-out, ineligible articles or the article itself, pinned or not', () => {
    const list = selectRelated(
      [...pool, candidate('me', 1), candidate('out', 0.95, null, { neverListElsewhere: true }), candidate('gone', 0.95, null, { eligible: false })],
      [candidate('out', 1, null, { neverListElsewhere: true }), candidate('b', 0.7, 'sport'), candidate('me', 1)],
      rules({ excluded: ['b'] }),
    );
    expect(ids(list)).toEqual(['a', 'c', 'd']);
  });

  it('gives an empty list when related links are hidden', () => {
    expect(selectRelated(pool, [candidate('a', 1, null)], rules({ hideRelated: true }))).toEqual([]);
    expect(selectRelated(pool, [], rules({ limit: 0 }))).toEqual([]);
  });

  it('caps links per section, counting pins, and backfills a short list only when asked', () => {
    const many = [
      candidate('n1', 0.9, 'news'),
      candidate('n2', 0.8, 'news'),
      candidate('n3', 0.7, 'news'),
      candidate('s1', 0.2, 'sport'),
      candidate('u1', 0.6, null),
      candidate('u2', 0.5, null),
    ];
    expect(ids(selectRelated(many, [], rules({ maxPerSection: 1, backfill: false, limit: 10 })))).toEqual(['n1', 'u1', 'u2', 's1']);
    expect(ids(selectRelated(many, [], rules({ maxPerSection: 1, backfill: true, limit: 10 })))).toEqual(['n1', 'n2', 'n3', 'u1', 'u2', 's1']);
    expect(ids(selectRelated(many, [candidate('p', 0, 'news')], rules({ maxPerSection: 1, backfill: false, limit: 10 })))).toEqual(['p', 'u1', 'u2', 's1']);
    // Unknown sections are never capped.
    expect(ids(selectRelated(many, [], rules({ maxPerSection: 1, backfill: false, limit: 3 })))).toEqual(['n1', 'u1', 'u2']);
  });

  it('does not list a candidate twice', () => {
    expect(ids(selectRelated([candidate('a', 0.9), candidate('a', 0.8)], [candidate('a', 0.9)], rules()))).toEqual(['a']);
  });

  it('lists the story first, then the head by its own score, then the rest by score', () => {
    const candidates = [
      candidate('topic-1', 0.8, null, { headScore: 0.3 }),
      candidate('topic-2', 0.7, null, { headScore: 0.2 }),
      candidate('close', 0.6, null, { headScore: 0.5 }),
      candidate('story-1', 0.5, null, { headScore: 0.9, sameStory: true }),
      candidate('story-2', 0.55, null, { headScore: 0.6, sameStory: true }),
    ];
    // Two head places: one goes to the story's second link, one to the best other by head score.
    expect(ids(selectRelated(candidates, [], rules({ limit: 10, head: 3 })))).toEqual(['story-1', 'story-2', 'close', 'topic-1', 'topic-2']);
    expect(ids(selectRelated(candidates, [], rules({ limit: 10, head: 0 })))).toEqual(['story-1', 'story-2', 'topic-1', 'topic-2', 'close']);
  });

  it("ends a list where relevance ends, relative to its best score, except for the story's links", () => {
    const candidates = [
      candidate('a', 0.66),
      candidate('b', 0.62),
      candidate('c', 0.17),
      candidate('d', 0.09),
      candidate('s', 0.08, null, { sameStory: true }),
    ];
    expect(ids(selectRelated(candidates, [], rules({ limit: 10, minScore: 0.05, relativeCutoff: 0.15 })))).toEqual(['s', 'a', 'b', 'c']);
    expect(ids(selectRelated(candidates, [], rules({ limit: 10, minScore: 0.05, relativeCutoff: 0 })))).toEqual(['s', 'a', 'b', 'c', 'd']);
    // The minimum score holds for every computed link.
    expect(ids(selectRelated(candidates, [], rules({ limit: 10, minScore: 0.1 })))).toEqual(['a', 'b', 'c']);
  });
});
