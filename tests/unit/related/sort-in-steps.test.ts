import { SortInSteps } from '../../../server/src/related/sort-in-steps';

/** Deterministic strings with shared prefixes, duplicates, and characters beyond the BMP. */
const strings = (count: number, seed: number): string[] => {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const alphabet = ['a', 'b', 'é', 'Z', '0', '\u0000', '\uffef', '😀', '𝒜'];
  return Array.from({ length: count }, () => {
    const length = next() % 6;
    let text = 'doc';
    for (let i = 0; i < length; i += 1) text += alphabet[next() % alphabet.length];
    return text;
  });
};

/** Runs the sort to its end in steps of `budget`; answers the result and how many steps it took. */
const sortAll = (input: string[], budget: number): { sorted: string[]; steps: number } => {
  const sort = new SortInSteps(input);
  let steps = 1;
  while (!sort.step(budget)) {
    expect(sort.sorted).toEqual([]);
    steps += 1;
  }
  return { sorted: sort.sorted, steps };
};

describe('SortInSteps', () => {
  it.each([0, 1, 2, 19_999, 20_000, 20_001, 65_537, 100_000])('orders %i strings as the built-in sort does', (count) => {
    const input = strings(count, count + 7);
    const before = input.slice();
    const expected = input.slice().sort();
    for (const budget of [1, 20_000, 1_000_000]) expect(sortAll(input, budget).sorted).toEqual(expected);
    expect(input).toEqual(before);
  });

  it('spreads a large sort over steps of about the budget', () => {
    const input = strings(100_000, 3);
    // Five runs sorted one per step, then merges of at most 320,000 strings a step: three levels of 100,000.
    const { steps } = sortAll(input, 20_000);
    expect(steps).toBeGreaterThanOrEqual(6);
    expect(steps).toBeLessThanOrEqual(12);
    // Without a limit, one step does it all.
    expect(sortAll(input, Number.POSITIVE_INFINITY).steps).toBe(1);
  });
});
