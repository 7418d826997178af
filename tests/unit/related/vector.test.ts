import { DenseScratch, kthLargest, norm } from '../../../server/src/related/vector';

/** A small deterministic pseudo-random generator. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};

describe('kthLargest', () => {
  it('agrees with sorting on random data with ties', () => {
    const next = random(7);
    for (let round = 0; round < 200; round += 1) {
      const n = 1 + Math.floor(next() * 60);
      const values = Float64Array.from({ length: n }, () => Math.floor(next() * 20));
      const sorted = [...values].sort((a, b) => b - a);
      const k = 1 + Math.floor(next() * n);
      expect(kthLargest(Float64Array.from(values), n, k)).toBe(sorted[k - 1]);
    }
  });
});

describe('DenseScratch', () => {
  it('accumulates sparse additions and clears only what it touched', () => {
    const scratch = new DenseScratch();
    scratch.ensure(5000);
    scratch.add(4000, 1.5);
    scratch.add(3, 2);
    scratch.add(4000, 1);
    expect(scratch.get(4000)).toBe(2.5);
    expect(scratch.count).toBe(2);
    expect(scratch.norm()).toBeCloseTo(Math.sqrt(2.5 ** 2 + 4), 12);
    expect(scratch.dot({ ids: Uint32Array.of(3, 9999999), weights: Float32Array.of(2, 5) })).toBe(4);
    scratch.clear();
    expect(scratch.get(4000)).toBe(0);
    expect(scratch.count).toBe(0);
  });

  it('returns the strongest entries as a unit vector, ties by lower id', () => {
    const next = random(11);
    for (let round = 0; round < 50; round += 1) {
      const scratch = new DenseScratch();
      const entries = new Map<number, number>();
      for (let i = 0; i < 300; i += 1) {
        const id = Math.floor(next() * 2000);
        const weight = Math.floor(next() * 50) / 10 - 0.5;
        scratch.ensure(id + 1);
        scratch.add(id, weight);
        entries.set(id, (entries.get(id) ?? 0) + weight);
      }
      const limit = 1 + Math.floor(next() * 80);
      const expected = [...entries]
        .filter(([, weight]) => weight > 0)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit);
      const top = scratch.top(limit);
      expect(Array.from(top.ids)).toEqual(expected.map(([id]) => id));
      expect(norm(top)).toBeCloseTo(1, 5);
      const length = Math.sqrt(expected.reduce((sum, [, weight]) => sum + weight * weight, 0));
      expected.forEach(([, weight], i) => expect(top.weights[i]).toBeCloseTo(weight / length, 5));
    }
  });
});
