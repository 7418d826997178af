/** Strings sorted per turn of the event loop: each turn sorts or merges this many at most, about 15 ms. */
const PER_TURN = 20_000;

const mergeTwo = (left: string[], right: string[], out: string[]): void => {
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) out.push(right[j] < left[i] ? right[j++] : left[i++]);
  while (i < left.length) out.push(left[i++]);
  while (j < right.length) out.push(right[j++]);
};

/**
 * The strings in the built-in order (UTF-16 code units, as `sort()` and `<` order them), sorted
 * and merged a slice at a time with `pause` between: one sort of a million keys held the thread
 * for a second. The input is left as it is.
 */
export const sortInTurns = async (items: readonly string[], pause: () => Promise<unknown>): Promise<string[]> => {
  let runs: string[][] = [];
  for (let at = 0; at < items.length; at += PER_TURN) {
    runs.push(items.slice(at, at + PER_TURN).sort());
    await pause();
  }
  while (runs.length > 1) {
    const merged: string[][] = [];
    for (let at = 0; at < runs.length; at += 2) {
      if (at + 1 === runs.length) {
        merged.push(runs[at]);
        continue;
      }
      const out: string[] = [];
      mergeTwo(runs[at], runs[at + 1], out);
      merged.push(out);
      // A merge of the last two halves is every string at once: tens of milliseconds at a million.
      if (out.length >= PER_TURN) await pause();
    }
    runs = merged;
  }
  return runs[0] ?? [];
};
