import type { SparseVector } from './vector';

/**
 * An in-memory, pruned inverted index over profile vectors.
 *
 * Each term's posting list holds (document slot, impact = the term's weight in that document's
 * profile), ordered by impact, highest first, and bounded to `capacity` entries. A lookup reads
 * only the query's strongest terms and, for each, only the `scan` highest-impact postings, adding
 * query weight × impact into a reusable accumulator: cost is bounded by terms × scan whatever the
 * corpus size, and no allocation happens per posting.
 *
 * A posting is one number, `impact × 2^30` (rounded) `× 2^22 + slot`, exact in a double: lists are
 * plain arrays of doubles (8 bytes a posting), sorted descending, and a posting is found again by
 * value. Slots must stay below 2^22 (4,194,304 documents per locale).
 */
export class InvertedIndex {
  private readonly lists: (number[] | undefined)[] = [];
  private postings = 0;

  constructor(private capacity: number) {}

  /** Total postings held. */
  get size(): number {
    return this.postings;
  }

  /** Postings held for one term. */
  postingCount(termId: number): number {
    return this.lists[termId]?.length ?? 0;
  }

  /** Changes the bound of every list (longer lists are cut on their next insert). */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
  }

  /** Index of the first posting lower than `key` (lists are descending). */
  private static after(list: number[], key: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle] >= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Adds a document's profile under `slot`. */
  add(slot: number, vector: SparseVector): void {
    if (slot >= MAX_SLOTS) throw new RangeError(`related index: more than ${MAX_SLOTS} documents in one locale`);
    for (let i = 0; i < vector.ids.length; i += 1) {
      const term = vector.ids[i];
      const key = pack(slot, vector.weights[i]);
      let list = this.lists[term];
      if (!list) {
        list = [];
        this.lists[term] = list;
      }
      const at = InvertedIndex.after(list, key);
      if (at >= this.capacity) continue;
      if (at === list.length) list.push(key);
      else list.splice(at, 0, key);
      this.postings += 1;
      while (list.length > this.capacity) {
        list.pop();
        this.postings -= 1;
      }
    }
  }

  /**
   * Adds many profiles at once (a rebuild): postings are appended, then every list is sorted and
   * cut to `capacity` once, instead of one sorted insert per posting.
   */
  addAll(entries: Iterable<[slot: number, vector: SparseVector]>): void {
    const touched = new Set<number>();
    for (const [slot, vector] of entries) {
      if (slot >= MAX_SLOTS) throw new RangeError(`related index: more than ${MAX_SLOTS} documents in one locale`);
      for (let i = 0; i < vector.ids.length; i += 1) {
        const term = vector.ids[i];
        let list = this.lists[term];
        if (!list) {
          list = [];
          this.lists[term] = list;
        }
        list.push(pack(slot, vector.weights[i]));
        touched.add(term);
        this.postings += 1;
      }
    }
    for (const term of touched) {
      const list = this.lists[term] as number[];
      list.sort((a, b) => b - a);
      if (list.length > this.capacity) {
        this.postings -= list.length - this.capacity;
        list.length = this.capacity;
      }
    }
  }

  /** Removes the postings `add(slot, vector)` created (the same vector must be given). */
  remove(slot: number, vector: SparseVector): void {
    for (let i = 0; i < vector.ids.length; i += 1) {
      const term = vector.ids[i];
      const list = this.lists[term];
      if (!list) continue;
      const key = pack(slot, vector.weights[i]);
      const at = InvertedIndex.after(list, key) - 1;
      if (at >= 0 && list[at] === key) {
        list.splice(at, 1);
        this.postings -= 1;
        if (list.length === 0) this.lists[term] = undefined;
      }
    }
  }

  /**
   * Adds query weight × impact for the query's first `maxTerms` entries (its strongest terms) and,
   * per term, the first `scan` postings, into `acc`.
   */
  accumulate(query: SparseVector, maxTerms: number, scan: number, acc: CandidateAccumulator): void {
    const terms = Math.min(maxTerms, query.ids.length);
    for (let i = 0; i < terms; i += 1) {
      const list = this.lists[query.ids[i]];
      if (!list) continue;
      const weight = query.weights[i] / IMPACT_SCALE;
      const end = Math.min(scan, list.length);
      for (let p = 0; p < end; p += 1) {
        const key = list[p];
        const impact = Math.floor(key / MAX_SLOTS);
        acc.add(key - impact * MAX_SLOTS, weight * impact);
      }
    }
  }
}

/** Slots per locale (2^22). */
export const MAX_SLOTS = 4_194_304;
/** Impacts (in [0, 1]) are kept as integers of 30 bits. */
const IMPACT_SCALE = 1_073_741_824;

const pack = (slot: number, impact: number): number => {
  const quantized = Math.min(IMPACT_SCALE, Math.max(1, Math.round(impact * IMPACT_SCALE)));
  return quantized * MAX_SLOTS + slot;
};

/**
 * Per-query candidate scores over document slots, reused across queries: a generation stamp
 * marks which entries belong to the current query, so nothing is cleared between queries.
 */
export class CandidateAccumulator {
  // Per slot: the query stamp that last touched it, and its score in that query (-Infinity when
  // blocked). Two arrays read per posting, so the random accesses stay few at 100,000+ slots.
  private scores = new Float32Array(1024);
  private stamps = new Uint32Array(1024);
  private touched = new Int32Array(1024);
  private count = 0;
  private stamp = 0;
  private ineligible = new Uint8Array(1024);
  private listing = true;

  /** Makes room for slots below `capacity`. */
  ensure(capacity: number): void {
    if (capacity <= this.scores.length) return;
    const size = Math.max(capacity, Math.ceil(this.scores.length * 1.5));
    const grow = <T extends Float32Array | Uint32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.scores = grow(this.scores, (n) => new Float32Array(n));
    this.stamps = grow(this.stamps, (n) => new Uint32Array(n));
    this.ineligible = grow(this.ineligible, (n) => new Uint8Array(n));
    this.touched = new Int32Array(size);
  }

  /** Marks a slot that never becomes a candidate (a removed or opted-out document). */
  setIneligible(slot: number, ineligible: boolean): void {
    this.ensure(slot + 1);
    this.ineligible[slot] = ineligible ? 1 : 0;
  }

  /**
   * Starts a query over slots below `capacity`. With `listing`, ineligible slots are skipped (a
   * list never shows them); without, they count (they still have neighbours of their own).
   */
  begin(capacity: number, listing: boolean): void {
    this.ensure(capacity);
    this.listing = listing;
    this.count = 0;
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Keeps `slot` out of this query's candidates. */
  block(slot: number): void {
    if (slot >= this.stamps.length) return;
    this.stamps[slot] = this.stamp;
    this.scores[slot] = Number.NEGATIVE_INFINITY;
  }

  add(slot: number, score: number): void {
    if (this.stamps[slot] === this.stamp) {
      this.scores[slot] += score;
      return;
    }
    this.stamps[slot] = this.stamp;
    if (this.listing && this.ineligible[slot] !== 0) {
      this.scores[slot] = Number.NEGATIVE_INFINITY;
      return;
    }
    this.scores[slot] = score;
    this.touched[this.count] = slot;
    this.count += 1;
  }

  /** Candidates touched by this query. */
  get size(): number {
    return this.count;
  }

  /** The accumulated score of a slot in this query (0 if untouched, -Infinity if blocked). */
  scoreOf(slot: number): number {
    return slot < this.stamps.length && this.stamps[slot] === this.stamp ? this.scores[slot] : 0;
  }

  /** The `limit` best slots of this query, best first (ties: lower slot first). */
  top(limit: number): number[] {
    const k = Math.min(limit, this.count);
    if (k <= 0) return [];
    // A min-heap of the k best seen so far.
    const heap = new Int32Array(k);
    let size = 0;
    const scores = this.scores;
    const worse = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
    const siftDown = (start: number): void => {
      let at = start;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let smallest = at;
        if (left < size && worse(heap[left], heap[smallest])) smallest = left;
        if (right < size && worse(heap[right], heap[smallest])) smallest = right;
        if (smallest === at) return;
        const swap = heap[at];
        heap[at] = heap[smallest];
        heap[smallest] = swap;
        at = smallest;
      }
    };
    for (let i = 0; i < this.count; i += 1) {
      const slot = this.touched[i];
      if (size < k) {
        let at = size;
        heap[size] = slot;
        size += 1;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(heap[at], heap[parent])) break;
          const swap = heap[at];
          heap[at] = heap[parent];
          heap[parent] = swap;
          at = parent;
        }
      } else if (worse(heap[0], slot)) {
        heap[0] = slot;
        siftDown(0);
      }
    }
    const out = Array.from(heap.subarray(0, size));
    out.sort((a, b) => scores[b] - scores[a] || a - b);
    return out;
  }
}
