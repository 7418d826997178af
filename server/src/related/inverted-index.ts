import type { CandidateAccumulator } from './candidate-accumulator';
import { maxId, type SparseVector } from './vector';
import { ListCells } from './list-cells';
import { isShared, newArray, releaseShared, resized } from './typed-arrays';

/**
 * An in-memory, pruned inverted index over profile vectors.
 *
 * Each term's posting list holds (document slot, impact = the term's weight in that document's
 * profile), ordered by impact, highest first, and bounded to `capacity` entries. A lookup reads
 * only the query's strongest terms and, for each, only the `scan` highest-impact postings, adding
 * query weight × impact into a reusable accumulator: cost is bounded by terms × scan whatever the
 * corpus size, and no allocation happens per posting.
 *
 * A posting is one 32-bit number, the impact's 10-bit code above the slot's 22 bits: a list is a
 * run of a Uint32Array (4 bytes a posting, no slack after a bulk build), sorted descending, and a
 * posting is found again by value. A list of up to 64 postings lives in a cell of shared chunks
 * (`list-cells.ts`; cells of 8, 16, 32 or 64), a longer one in an array of its own. Slots must
 * stay below 2^22 (4,194,304 documents per locale). Impacts are coded on a log scale, 1.09%
 * apart: they only choose which postings a query reads and which documents it rescores exactly,
 * so that much is lost in no score.
 *
 * Bulk builds (`append` then `sortSome` until it returns true, or `addAll`) append unsorted and
 * sort each list once; a list is cut back to `capacity` whenever it reaches twice that, so memory
 * stays bounded. The index must not be queried or updated while appended lists are unsorted.
 *
 * With `shared`, every list is over shared memory: `share()` then lets another thread read the
 * lists in place (`SharedListsReader`), while nothing changes them.
 */
export class InvertedIndex {
  /** Each term's list: an array of its own, or the chunk that holds its cell. */
  private lists: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(1024).fill(undefined);
  /** By term: 1 + (the cell that holds its list × 4 + its size class); 0 for an array of its own. */
  private cellPlusOne = new Int32Array(1024);
  private readonly cells: ListCells[];
  private lengths = new Int32Array(1024);
  private postings = 0;
  /** Terms appended to since their list was last sorted. */
  private unsorted: number[] = [];
  private marked = new Uint8Array(1024);

  constructor(
    private capacity: number,
    private readonly shared = false,
  ) {
    this.cells = CELL_SIZES.map((size) => new ListCells(size, shared));
  }

  /** Whether every list is over shared memory (another thread may read them: `share`). */
  get isShared(): boolean {
    return this.shared;
  }

  /** Total postings held. */
  get size(): number {
    return this.postings;
  }

  /** Postings held for one term. */
  postingCount(termId: number): number {
    return termId < this.lengths.length ? this.lengths[termId] : 0;
  }

  /** Changes the bound of every list (longer lists are cut on their next insert). */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
  }

  private ensureTerms(size: number): void {
    if (size <= this.lengths.length) return;
    const next = Math.max(size, Math.ceil(this.lengths.length * 1.5));
    this.lengths = resized(this.lengths, next);
    this.marked = resized(this.marked, next);
    this.cellPlusOne = resized(this.cellPlusOne, next);
    // Kept dense: assigning far past the end would turn the array into a slow dictionary.
    while (this.lists.length < next) this.lists.push(undefined);
  }

  /** Where the term's list starts in `lists[term]`. */
  private base(term: number): number {
    const code = this.cellPlusOne[term] - 1;
    return code < 0 ? 0 : this.cells[code & 3].baseOf(code >> 2);
  }

  /** Postings the term's list has room for. */
  private room(term: number): number {
    const list = this.lists[term];
    const code = this.cellPlusOne[term] - 1;
    return !list ? 0 : code < 0 ? list.length : CELL_SIZES[code & 3];
  }

  /** Gives back the term's cell, if it has one. */
  private giveCell(term: number): void {
    const code = this.cellPlusOne[term] - 1;
    if (code >= 0) this.cells[code & 3].give(code >> 2);
    this.cellPlusOne[term] = 0;
  }

  /** Moves the term's list to room for `room` postings (a cell when that few), keeping its first `keep`. */
  private place(term: number, room: number, keep: number): void {
    const old = this.lists[term];
    const from = this.base(term);
    const kept = old ? old.subarray(from, from + keep) : undefined;
    this.releaseOwn(term);
    this.giveCell(term);
    const sizeClass = CELL_SIZES.findIndex((size) => room <= size);
    if (sizeClass >= 0) {
      const cells = this.cells[sizeClass];
      const cell = cells.take();
      const chunk = cells.chunkOf(cell);
      // A cell given back just now may be taken again: copying within a chunk is still right.
      if (kept) chunk.set(kept, cells.baseOf(cell));
      this.lists[term] = chunk;
      this.cellPlusOne[term] = cell * 4 + sizeClass + 1;
    } else {
      const own = newArray(Uint32Array, room, this.shared);
      if (kept) own.set(kept);
      this.lists[term] = own;
    }
  }

  /** Notes that the term's list, if in an array of its own and shared, is let go. */
  private releaseOwn(term: number): void {
    const list = this.lists[term];
    if (list && this.cellPlusOne[term] === 0) releaseShared(list);
  }

  /** Notes every shared list let go (the index is being dropped). */
  releaseAll(): void {
    for (let term = 0; term < this.lists.length; term += 1) this.releaseOwn(term);
    for (const cells of this.cells) cells.release();
  }

  /** Empties the term's list. */
  private release(term: number): void {
    this.releaseOwn(term);
    this.giveCell(term);
    this.lists[term] = undefined;
  }

  /** Index of the first posting lower than `key` among the `length` from `base` (lists are descending). */
  private static after(list: Uint32Array, base: number, length: number, key: number): number {
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[base + middle] >= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Room for one more posting in the term's list (grown by `growth`, at most `limit` long). */
  private roomFor(term: number, limit: number, growth: number): void {
    const length = this.lengths[term];
    if (length < this.room(term)) return;
    this.place(term, Math.max(4, Math.min(limit, Math.ceil(length * growth))), length);
  }

  private static check(slot: number): void {
    if (slot >= MAX_SLOTS) throw new RangeError(`related index: more than ${MAX_SLOTS} documents in one locale`);
  }

  /** Adds a document's profile under `slot`. */
  add(slot: number, vector: SparseVector): void {
    InvertedIndex.check(slot);
    this.ensureTerms(maxId(vector) + 1);
    for (let i = 0; i < vector.ids.length; i += 1) {
      const term = vector.ids[i];
      const key = pack(slot, vector.weights[i]);
      const length = this.lengths[term];
      const held = this.lists[term];
      const at = held ? InvertedIndex.after(held, this.base(term), Math.min(length, this.capacity), key) : 0;
      if (at >= this.capacity) continue;
      // Postings past the capacity (after a lowered `setCapacity`) are dropped here.
      const kept = Math.min(length, this.capacity - 1);
      if (kept === length) this.roomFor(term, this.capacity, 1.5);
      const list = this.lists[term] as Uint32Array;
      const base = this.base(term);
      list.copyWithin(base + at + 1, base + at, base + kept);
      list[base + at] = key;
      this.postings += kept + 1 - length;
      this.lengths[term] = kept + 1;
    }
  }

  /**
   * Appends a document's postings for a bulk build, unsorted; `sortSome` must then run to
   * completion before the index is used.
   */
  append(slot: number, vector: SparseVector): void {
    InvertedIndex.check(slot);
    this.ensureTerms(maxId(vector) + 1);
    const limit = 2 * this.capacity;
    for (let i = 0; i < vector.ids.length; i += 1) {
      const term = vector.ids[i];
      if (this.lengths[term] >= limit) this.sortList(term);
      // Doubling: appended lists are shrunk to fit once sorted.
      this.roomFor(term, limit, 2);
      (this.lists[term] as Uint32Array)[this.base(term) + this.lengths[term]] = pack(slot, vector.weights[i]);
      this.lengths[term] += 1;
      this.postings += 1;
      if (this.marked[term] === 0) {
        this.marked[term] = 1;
        this.unsorted.push(term);
      }
    }
  }

  /**
   * Sizes the lists of a bulk build from the postings each term will get (`counts` by term id),
   * so that appending never grows a list: no slack, no copies.
   */
  reserve(counts: Int32Array): void {
    this.ensureTerms(counts.length);
    const limit = 2 * this.capacity;
    for (let term = 0; term < counts.length; term += 1) {
      const wanted = Math.min(limit, this.lengths[term] + counts[term]);
      if (counts[term] > 0 && this.room(term) < wanted) this.place(term, wanted, this.lengths[term]);
    }
  }

  /** Sorts one list descending and cuts it to `capacity`. */
  private sortList(term: number): void {
    const base = this.base(term);
    const length = this.lengths[term];
    (this.lists[term] as Uint32Array)
      .subarray(base, base + length)
      .sort()
      .reverse();
    const kept = Math.min(length, this.capacity);
    this.postings -= length - kept;
    this.lengths[term] = kept;
  }

  /**
   * Sorts appended lists, about `maxPostings` postings' worth; returns true when none is left
   * unsorted. Sorted lists are shrunk to fit (into a cell when short).
   */
  sortSome(maxPostings: number): boolean {
    let done = 0;
    while (this.unsorted.length > 0 && done < maxPostings) {
      const term = this.unsorted.pop() as number;
      this.marked[term] = 0;
      done += this.lengths[term];
      this.sortList(term);
      const length = this.lengths[term];
      if (length === 0) this.release(term);
      else if (this.cellPlusOne[term] === 0 && (length <= LARGEST_CELL || this.room(term) !== length)) this.place(term, length, length);
    }
    return this.unsorted.length === 0;
  }

  /** Adds many profiles at once (a rebuild): each list is sorted and cut once, not per posting. */
  addAll(entries: Iterable<[slot: number, vector: SparseVector]>): void {
    for (const [slot, vector] of entries) this.append(slot, vector);
    this.sortSome(Number.POSITIVE_INFINITY);
  }

  /** Removes the postings `add(slot, vector)` created (the same vector must be given). */
  remove(slot: number, vector: SparseVector): void {
    for (let i = 0; i < vector.ids.length; i += 1) {
      const term = vector.ids[i];
      const list = this.lists[term];
      if (!list) continue;
      const length = this.lengths[term];
      const base = this.base(term);
      const key = pack(slot, vector.weights[i]);
      const at = InvertedIndex.after(list, base, length, key) - 1;
      if (at >= 0 && list[base + at] === key) {
        list.copyWithin(base + at, base + at + 1, base + length);
        this.lengths[term] = length - 1;
        this.postings -= 1;
        if (length === 1) this.release(term);
      }
    }
  }

  /** Bytes held by the lists and per-term arrays. */
  get bytes(): number {
    let bytes = this.lengths.byteLength + this.marked.byteLength + this.cellPlusOne.byteLength + this.lists.length * 8;
    for (const cells of this.cells) bytes += cells.bytes;
    for (let term = 0; term < this.lists.length; term += 1) if (this.cellPlusOne[term] === 0) bytes += this.lists[term]?.byteLength ?? 0;
    return bytes;
  }

  /**
   * Adds query weight × impact for the query's first `maxTerms` entries (its strongest terms) and,
   * per term, the first `scan` postings, into `acc`.
   */
  accumulate(query: SparseVector, maxTerms: number, scan: number, acc: CandidateAccumulator): void {
    const terms = Math.min(maxTerms, query.ids.length);
    for (let i = 0; i < terms; i += 1) {
      const term = query.ids[i];
      const list = this.lists[term];
      if (list) scanList(list, this.base(term), Math.min(scan, this.lengths[term]), query.weights[i], acc);
    }
  }

  /**
   * The lists as another thread reads them (`SharedListsReader`), valid while nothing changes the
   * index. Only for an index made `shared`.
   */
  share(): SharedLists {
    const bases = new Int32Array(this.lists.length);
    for (let term = 0; term < this.lists.length; term += 1) {
      const list = this.lists[term];
      if (list && !isShared(list)) throw new Error('related index: only a shared index can be read by another thread');
      bases[term] = this.base(term);
    }
    return { lists: this.lists, bases, lengths: this.lengths };
  }
}

/** An index's lists, read in place by another thread: each term's array, where its list starts, its length. */
export interface SharedLists {
  lists: (Uint32Array | undefined)[];
  bases: Int32Array;
  lengths: Int32Array;
}

/** Looks candidates up in lists another thread shared, as `InvertedIndex.accumulate` does. */
export class SharedListsReader {
  constructor(private readonly shared: SharedLists) {}

  accumulate(query: SparseVector, maxTerms: number, scan: number, acc: CandidateAccumulator): void {
    const { lists, bases, lengths } = this.shared;
    const terms = Math.min(maxTerms, query.ids.length);
    for (let i = 0; i < terms; i += 1) {
      const term = query.ids[i];
      const list = term < lists.length ? lists[term] : undefined;
      if (list) scanList(list, bases[term], Math.min(scan, lengths[term]), query.weights[i], acc);
    }
  }
}

/** Adds `weight` × impact of the `count` postings from `base` into `acc`. */
const scanList = (list: Uint32Array, base: number, count: number, weight: number, acc: CandidateAccumulator): void => {
  const end = base + count;
  for (let p = base; p < end; p += 1) {
    const key = list[p];
    acc.add(key & SLOT_MASK, weight * IMPACTS[key >>> SLOT_BITS]);
  }
};

/** The cells short lists live in, by size class (two bits of `cellPlusOne`). */
const CELL_SIZES = [8, 16, 32, 64];
const LARGEST_CELL = CELL_SIZES[CELL_SIZES.length - 1];

const SLOT_BITS = 22;
/** Slots per locale (2^22). */
export const MAX_SLOTS = 2 ** SLOT_BITS;
const SLOT_MASK = MAX_SLOTS - 1;
/** Impact codes span 2^-16 (a 16-bit profile weight's least) to 1 in 1,023 equal ratios. */
const IMPACT_CODES = 1024;
const IMPACT_OCTAVES = 16;
const LEAST_IMPACT = 2 ** -IMPACT_OCTAVES;
const IMPACTS = Float64Array.from({ length: IMPACT_CODES }, (_, code) => 2 ** (IMPACT_OCTAVES * (code / (IMPACT_CODES - 1) - 1)));

const pack = (slot: number, impact: number): number => {
  const code = impact >= 1 ? IMPACT_CODES - 1 : impact <= LEAST_IMPACT ? 0 : Math.round((IMPACT_CODES - 1) * (1 + Math.log2(impact) / IMPACT_OCTAVES));
  return code * MAX_SLOTS + slot;
};
