import { sortInTurns } from '../../../server/src/event-loop/sort-in-turns';

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

describe('sortInTurns', () => {
  it.each([0, 1, 2, 19_999, 20_000, 20_001, 65_537])('orders %i strings as the built-in sort does', async (count) => {
    const input = strings(count, count + 7);
    const before = input.slice();
    const sorted = await sortInTurns(input, async () => undefined);
    expect(sorted).toEqual(input.slice().sort());
    expect(input).toEqual(before);
  });

  it('lets the event loop run between slices', async () => {
    let turns = 0;
    const timer = setInterval(() => {
      turns += 1;
    }, 0);
    let pauses = 0;
    try {
      await sortInTurns(strings(100_000, 3), () => {
        pauses += 1;
        return new Promise((resolve) => setTimeout(resolve, 1));
      });
    } finally {
      clearInterval(timer);
    }
    // Five slices sorted, then the merges of 40,000 strings and more.
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(turns).toBeGreaterThan(0);
  });
});
