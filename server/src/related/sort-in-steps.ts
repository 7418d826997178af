/** Strings in each run sorted at once (about 15 ms). */
const RUN = 20_000;
/** A merge moves this many strings in the time a sort takes for one. */
const MERGED_PER_SORTED = 16;

interface Merge {
  left: string[];
  right: string[];
  out: string[];
  i: number;
  j: number;
}

/**
 * Strings sorted in the built-in order (UTF-16 code units, as `sort()` and `<` order them) in
 * steps a caller spreads over time: runs sorted at once, then merged two by two. One sort of a
 * million strings held the thread that answers requests for about a second. The input is left as
 * it is; `sorted` is the result once `step` answers true.
 */
export class SortInSteps {
  private at = 0;
  private runs: string[][] = [];
  /** The next level of runs, while the present one is merged pair by pair. */
  private merged: string[][] = [];
  private pair = 0;
  private merge: Merge | undefined;

  constructor(private readonly items: readonly string[]) {}

  /** Sorts about `budget` strings' worth (at least one run or one slice of a merge); true when done. */
  step(budget: number): boolean {
    let left = budget;
    while (this.at < this.items.length) {
      this.runs.push(this.items.slice(this.at, this.at + RUN).sort());
      this.at += RUN;
      left -= RUN;
      if (left <= 0) return this.done;
    }
    left *= MERGED_PER_SORTED;
    while (!this.done) {
      this.merge ??= { left: this.runs[this.pair], right: this.runs[this.pair + 1], out: [], i: 0, j: 0 };
      left -= advance(this.merge, Math.max(1, left));
      if (this.merge.i === this.merge.left.length && this.merge.j === this.merge.right.length) {
        this.merged.push(this.merge.out);
        this.merge = undefined;
        this.pair += 2;
        this.nextPair();
      }
      if (left <= 0) return this.done;
    }
    return true;
  }

  /** The strings in order (empty until `step` answered true). */
  get sorted(): string[] {
    return this.done ? (this.runs[0] ?? []) : [];
  }

  private get done(): boolean {
    return this.at >= this.items.length && this.runs.length <= 1;
  }

  /** Past the merges of a level: its odd run carried over, the next level begun. */
  private nextPair(): void {
    for (;;) {
      if (this.runs.length <= 1) return;
      if (this.pair + 1 === this.runs.length) {
        this.merged.push(this.runs[this.pair]);
        this.pair += 1;
      }
      if (this.pair < this.runs.length) return;
      [this.runs, this.merged, this.pair] = [this.merged, [], 0];
    }
  }
}

/** Moves up to `count` strings of a merge to its output; answers how many. */
const advance = (merge: Merge, count: number): number => {
  const { left, right, out } = merge;
  let { i, j } = merge;
  const end = out.length + count;
  while (out.length < end && i < left.length && j < right.length) out.push(right[j] < left[i] ? right[j++] : left[i++]);
  while (out.length < end && i < left.length) out.push(left[i++]);
  while (out.length < end && j < right.length) out.push(right[j++]);
  const moved = i - merge.i + (j - merge.j);
  merge.i = i;
  merge.j = j;
  return moved;
};
