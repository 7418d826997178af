import { sharedCopy } from './typed-arrays';

const bySlot = (a: number, b: number): number => a - b;

/** A slot's place in a query that keeps it out of the candidates (blocked, or never listed). */
const OUT = 0xffffffff;

/**
 * Per-query candidate scores over document slots, reused across queries: a generation stamp
 * marks which entries belong to the current query, so nothing is cleared between queries.
 */
export class CandidateAccumulator {
  // Per slot, side by side in one buffer (a slot's pair shares a cache line, so a posting costs
  // one random memory access, not two): at 2·slot + 1 the stamp of the query that last touched
  // it, at 2·slot its place in this query's `touched` (or OUT).
  private places = new Uint32Array(2048);
  // The query's candidates in the order they were touched, and their scores beside: selecting
  // the best reads them in sequence, not scattered over every slot.
  private touched = new Int32Array(1024);
  private scores = new Float32Array(1024);
  private count = 0;
  private stamp = 0;
  private ineligible: Uint8Array = new Uint8Array(1024);
  private listing = true;

  /** Makes room for slots below `capacity`. */
  ensure(capacity: number): void {
    if (capacity <= this.ineligible.length) return;
    const size = Math.max(capacity, Math.ceil(this.ineligible.length * 1.5));
    const places = new Uint32Array(2 * size);
    places.set(this.places);
    this.places = places;
    const ineligible = new Uint8Array(size);
    ineligible.set(this.ineligible);
    this.ineligible = ineligible;
    this.touched = new Int32Array(size);
    this.scores = new Float32Array(size);
  }

  /** Reads which slots never become candidates from `flags` (another accumulator's `sharedIneligible`). */
  adoptIneligible(flags: Uint8Array): void {
    // Room for every slot the flags cover: `ensure` measures it by them.
    this.ensure(flags.length);
    this.ineligible = flags;
  }

  /** A copy over shared memory of which slots never become candidates, for a helper thread. */
  sharedIneligible(): Uint8Array {
    return sharedCopy(this.ineligible);
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
      for (let at = 1; at < this.places.length; at += 2) this.places[at] = 0;
      this.stamp = 1;
    }
  }

  /** Keeps `slot` out of this query's candidates. */
  block(slot: number): void {
    if (slot >= this.ineligible.length) return;
    this.places[2 * slot + 1] = this.stamp;
    this.places[2 * slot] = OUT;
  }

  add(slot: number, score: number): void {
    const at = 2 * slot;
    const places = this.places;
    if (places[at + 1] === this.stamp) {
      const place = places[at];
      if (place !== OUT) this.scores[place] += score;
      return;
    }
    places[at + 1] = this.stamp;
    if (this.listing && this.ineligible[slot] !== 0) {
      places[at] = OUT;
      return;
    }
    const place = this.count;
    places[at] = place;
    this.touched[place] = slot;
    this.scores[place] = score;
    this.count = place + 1;
  }

  /** Candidates touched by this query. */
  get size(): number {
    return this.count;
  }

  /** The accumulated score of a slot in this query (0 if untouched, -Infinity if blocked). */
  scoreOf(slot: number): number {
    if (slot >= this.ineligible.length || this.places[2 * slot + 1] !== this.stamp) return 0;
    const place = this.places[2 * slot];
    return place === OUT ? Number.NEGATIVE_INFINITY : this.scores[place];
  }

  /**
   * The `limit` best slots of this query, best first; ties ordered by `tie` (negative when its
   * first slot goes first; by default, lower slot first).
   */
  top(limit: number, tie: (a: number, b: number) => number = bySlot): number[] {
    const k = Math.min(limit, this.count);
    if (k <= 0) return [];
    // A min-heap of the places of the k best seen so far.
    const heap = new Int32Array(k);
    let size = 0;
    const { scores, touched, count } = this;
    const worse = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && tie(touched[a], touched[b]) > 0);
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
    // The heap's weakest score once it is full: most candidates fall below it, rejected by one read.
    let floor = Number.NEGATIVE_INFINITY;
    for (let place = 0; place < count; place += 1) {
      if (scores[place] < floor) continue;
      if (size < k) {
        let at = size;
        heap[size] = place;
        size += 1;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!worse(heap[at], heap[parent])) break;
          const swap = heap[at];
          heap[at] = heap[parent];
          heap[parent] = swap;
          at = parent;
        }
        if (size === k) floor = scores[heap[0]];
      } else if (worse(heap[0], place)) {
        heap[0] = place;
        siftDown(0);
        floor = scores[heap[0]];
      }
    }
    const best = Array.from(heap.subarray(0, size));
    best.sort((a, b) => (scores[b] > scores[a] ? 1 : scores[b] < scores[a] ? -1 : tie(touched[a], touched[b])));
    return best.map((place) => touched[place]);
  }
}
