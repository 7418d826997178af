import { CandidateAccumulator } from '../../../server/src/related/candidate-accumulator';
import { InvertedIndex, SharedListsReader } from '../../../server/src/related/inverted-index';
import type { SparseVector } from '../../../server/src/related/vector';

const vector = (entries: [number, number][]): SparseVector => ({
  ids: Uint32Array.from(entries.map(([id]) => id)),
  weights: Float32Array.from(entries.map(([, weight]) => weight)),
});

const scoresOf = (index: InvertedIndex, query: SparseVector, capacity: number, maxTerms = 100, scan = 100): Map<number, number> => {
  const acc = new CandidateAccumulator();
  acc.begin(capacity, true);
  index.accumulate(query, maxTerms, scan, acc);
  return new Map(acc.top(capacity).map((slot) => [slot, acc.scoreOf(slot)]));
};

describe('InvertedIndex', () => {
  it('accumulates query weight × impact over shared terms', () => {
    const index = new InvertedIndex(100);
    index.add(
      0,
      vector([
        [1, 0.6],
        [2, 0.8],
      ]),
    );
    index.add(
      1,
      vector([
        [2, 0.5],
        [3, 0.5],
      ]),
    );
    index.add(2, vector([[4, 1]]));
    expect(index.size).toBe(5);
    const scores = scoresOf(
      index,
      vector([
        [2, 1],
        [3, 0.5],
      ]),
      3,
    );
    // Impacts are coded 1.09% apart: a score is within half of that of its exact value.
    expect(scores.get(0)).toBeCloseTo(0.8, 2);
    expect(Math.abs((scores.get(1) as number) / 0.75 - 1)).toBeLessThan(0.0055);
    expect(scores.has(2)).toBe(false);
  });

  it('keeps impacts from 2^-16 to 1 within 0.55% of their value, in their order', () => {
    const impacts = Array.from({ length: 200 }, (_, i) => 2 ** (-16 + (16 * i) / 199));
    const index = new InvertedIndex(impacts.length);
    impacts.forEach((impact, slot) => index.add(slot, vector([[1, impact]])));
    const scores = scoresOf(index, vector([[1, 1]]), impacts.length, 1, impacts.length);
    impacts.forEach((impact, slot) => expect(Math.abs((scores.get(slot) as number) / impact - 1)).toBeLessThan(0.0055));
    const ranked = [...scores.keys()];
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
  });

  it('removes exactly the postings a profile added', () => {
    const index = new InvertedIndex(100);
    const a = vector([
      [1, 0.5],
      [2, 0.5],
    ]);
    index.add(0, a);
    index.add(1, a);
    index.remove(0, a);
    expect(index.size).toBe(2);
    expect([...scoresOf(index, vector([[1, 1]]), 2).keys()]).toEqual([1]);
    index.remove(0, a);
    expect(index.size).toBe(2);
    index.remove(1, a);
    expect(index.size).toBe(0);
    expect(index.postingCount(1)).toBe(0);
  });

  it('keeps the highest-impact postings when a list is full, and scans only the first ones', () => {
    const index = new InvertedIndex(3);
    [0.1, 0.9, 0.5, 0.7, 0.3].forEach((impact, slot) => index.add(slot, vector([[7, impact]])));
    expect(index.postingCount(7)).toBe(3);
    expect([...scoresOf(index, vector([[7, 1]]), 5).keys()]).toEqual([1, 3, 2]);
    expect([...scoresOf(index, vector([[7, 1]]), 5, 100, 2).keys()]).toEqual([1, 3]);
  });

  it('builds in bulk, in steps, the same lists as one insert at a time, cutting long lists as it goes', () => {
    const profiles = Array.from({ length: 40 }, (_, slot) =>
      vector([
        [1, ((slot * 7919) % 40) / 40 + 0.01],
        [2 + (slot % 3), 0.5],
        [9, 0.25],
      ]),
    );
    const oneByOne = new InvertedIndex(5);
    profiles.forEach((profile, slot) => oneByOne.add(slot, profile));
    const bulk = new InvertedIndex(5);
    profiles.forEach((profile, slot) => bulk.append(slot, profile));
    let steps = 1;
    while (!bulk.sortSome(5)) steps += 1;
    expect(steps).toBeGreaterThan(1);
    expect(bulk.size).toBe(oneByOne.size);
    for (const term of [1, 2, 3, 4, 9]) expect(bulk.postingCount(term)).toBe(oneByOne.postingCount(term));
    for (const query of [
      vector([[1, 1]]),
      vector([
        [2, 0.6],
        [3, 0.8],
      ]),
      vector([
        [9, 1],
        [4, 1],
      ]),
    ]) {
      expect([...scoresOf(bulk, query, 40)]).toEqual([...scoresOf(oneByOne, query, 40)]);
    }
    bulk.remove(0, profiles[0]);
    oneByOne.remove(0, profiles[0]);
    bulk.add(40, profiles[1]);
    oneByOne.add(40, profiles[1]);
    expect([...scoresOf(bulk, vector([[1, 1]]), 41)]).toEqual([...scoresOf(oneByOne, vector([[1, 1]]), 41)]);

    const reserved = new InvertedIndex(5);
    const counts = new Int32Array(10);
    for (const profile of profiles) for (const term of profile.ids) counts[term] += 1;
    reserved.reserve(counts);
    profiles.forEach((profile, slot) => reserved.append(slot, profile));
    reserved.sortSome(Number.POSITIVE_INFINITY);
    reserved.remove(0, profiles[0]);
    reserved.add(40, profiles[1]);
    expect(reserved.size).toBe(oneByOne.size);
    expect([
      ...scoresOf(
        reserved,
        vector([
          [1, 1],
          [3, 0.5],
          [9, 0.2],
        ]),
        41,
      ),
    ]).toEqual([
      ...scoresOf(
        oneByOne,
        vector([
          [1, 1],
          [3, 0.5],
          [9, 0.2],
        ]),
        41,
      ),
    ]);
  });

  it('keeps short lists in shared cells and long ones in arrays of their own, through growth, removal and bulk builds', () => {
    let seed = 11;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const index = new InvertedIndex(100);
    // term → slot → weight, what the index must hold.
    const model = new Map<number, Map<number, number>>();
    const profiles = new Map<number, SparseVector>();
    const check = (): void => {
      for (let term = 0; term < 12; term += 1) {
        const expected = model.get(term) ?? new Map<number, number>();
        expect(index.postingCount(term)).toBe(expected.size);
        const scores = scoresOf(index, vector([[term, 1]]), 400, 1, 100);
        expect(new Set(scores.keys())).toEqual(new Set(expected.keys()));
        for (const [slot, weight] of expected) expect(Math.abs((scores.get(slot) as number) / weight - 1)).toBeLessThan(0.0055);
      }
    };
    for (let step = 0; step < 3000; step += 1) {
      const slot = Math.floor(random() * 400);
      const old = profiles.get(slot);
      if (old) {
        index.remove(slot, old);
        for (const term of old.ids) model.get(term)?.delete(slot);
        profiles.delete(slot);
      }
      if (random() < 0.6) {
        // Terms 0 to 3 grow long lists, 4 to 11 stay short.
        const terms = [Math.floor(random() * 4), 4 + Math.floor(random() * 8)];
        const profile = vector(terms.map((term) => [term, 0.05 + random() * 0.9]));
        index.add(slot, profile);
        profiles.set(slot, profile);
        profile.ids.forEach((term, i) => model.set(term, (model.get(term) ?? new Map<number, number>()).set(slot, profile.weights[i])));
      }
      if (step % 500 === 499) check();
    }
    // A bulk build of the same profiles holds the same lists.
    const bulk = new InvertedIndex(100);
    for (const [slot, profile] of profiles) bulk.append(slot, profile);
    while (!bulk.sortSome(7));
    for (let term = 0; term < 12; term += 1) {
      expect(bulk.postingCount(term)).toBe(index.postingCount(term));
      expect([...scoresOf(bulk, vector([[term, 1]]), 400, 1, 100)].sort()).toEqual([...scoresOf(index, vector([[term, 1]]), 400, 1, 100)].sort());
    }
    // Emptied lists give their cells back: a new short list takes one again.
    for (const [slot, profile] of profiles) index.remove(slot, profile);
    expect(index.size).toBe(0);
    const bytesEmpty = index.bytes;
    for (let slot = 0; slot < 8; slot += 1) index.add(slot, vector([[20 + slot, 0.5]]));
    expect(index.bytes).toBe(bytesEmpty);
  });

  it('reads only the query’s first terms', () => {
    const index = new InvertedIndex(10);
    index.add(0, vector([[1, 1]]));
    index.add(1, vector([[2, 1]]));
    expect([
      ...scoresOf(
        index,
        vector([
          [1, 0.9],
          [2, 0.1],
        ]),
        2,
        1,
      ).keys(),
    ]).toEqual([0]);
  });
});

describe('a shared index', () => {
  const build = (shared: boolean): InvertedIndex => {
    const index = new InvertedIndex(50, shared);
    // Lists short (in cells) and long (arrays of their own), grown and cut as they are appended.
    for (let slot = 0; slot < 300; slot += 1) {
      index.append(
        slot,
        vector([
          [slot % 7, ((slot * 37) % 100) / 100 + 0.01],
          [7 + (slot % 70), ((slot * 53) % 100) / 100 + 0.01],
          [100, 0.5],
        ]),
      );
    }
    index.sortSome(Number.POSITIVE_INFINITY);
    return index;
  };
  const query = vector([
    [100, 0.3],
    [3, 0.9],
    [12, 0.4],
    [500, 1],
  ]);

  it('is read by another thread as it reads itself', () => {
    const own = build(false);
    const shared = build(true);
    const share = structuredClone(shared.share());
    for (const list of share.lists) if (list) expect(Object.prototype.toString.call(list.buffer)).toBe('[object SharedArrayBuffer]');
    const acc = new CandidateAccumulator();
    acc.begin(300, true);
    new SharedListsReader(share).accumulate(query, 10, 20, acc);
    const read = new Map(acc.top(300).map((slot) => [slot, acc.scoreOf(slot)]));
    expect(read.size).toBeGreaterThan(20);
    expect(read).toEqual(scoresOf(own, query, 300, 10, 20));
  });

  it('is not shared unless it was made so', () => {
    expect(() => build(false).share()).toThrow(/only a shared index/);
  });
});

describe('CandidateAccumulator', () => {
  it("takes another accumulator's ineligible slots, with room for every slot they cover", () => {
    const main = new CandidateAccumulator();
    main.setIneligible(4999, true);
    const helper = new CandidateAccumulator();
    helper.adoptIneligible(structuredClone(main.sharedIneligible()));
    helper.begin(5000, true);
    for (const slot of [4000, 4999, 3000]) helper.add(slot, slot);
    expect(helper.top(10)).toEqual([4000, 3000]);
    expect(helper.scoreOf(4000)).toBe(4000);
  });

  it('skips blocked slots for one query and ineligible slots when listing', () => {
    const acc = new CandidateAccumulator();
    acc.setIneligible(3, true);
    acc.begin(10, true);
    acc.block(2);
    for (const slot of [1, 2, 3, 4]) acc.add(slot, slot);
    expect(acc.top(10)).toEqual([4, 1]);
    acc.begin(10, false);
    for (const slot of [1, 2, 3, 4]) acc.add(slot, slot);
    expect(acc.top(10)).toEqual([4, 3, 2, 1]);
    expect(acc.scoreOf(9)).toBe(0);
  });

  it('returns the best k, ties by lower slot', () => {
    const acc = new CandidateAccumulator();
    acc.begin(2000, true);
    const scores = Array.from({ length: 1500 }, (_, slot) => (slot * 7919) % 101);
    scores.forEach((score, slot) => acc.add(slot, score));
    const expected = scores
      .map((score, slot) => ({ score, slot }))
      .sort((a, b) => b.score - a.score || a.slot - b.slot)
      .slice(0, 25)
      .map((entry) => entry.slot);
    expect(acc.top(25)).toEqual(expected);
  });
});
