import { resized } from './typed-arrays';

/**
 * Rows of numbers by slot in one Float32Array, for rows that change a pair at a time (the story
 * graph's `[other, weight, …]`: slots are exact in it, below 2^24, and weights are kept to
 * float precision). A row is rewritten at the end of the arena when it grows; the space it left
 * is reclaimed once it exceeds half of what is in use, or by `trimIfLoose`. A JavaScript array
 * per row cost about 330 bytes per article at 12 edges each; here a row costs 4 bytes a number
 * and 8 bytes.
 */
const EMPTY = new Float32Array(0);

export class EdgeRows {
  private arena = new Float32Array(1024);
  private used = 0;
  private wasted = 0;
  private offsets = new Int32Array(256);
  private lengths = new Int32Array(256);

  /** The slot's row: a view that stays valid until the next change to any row. */
  row(slot: number): Float32Array {
    if (slot >= this.lengths.length || this.lengths[slot] === 0) return EMPTY;
    const offset = this.offsets[slot];
    return this.arena.subarray(offset, offset + this.lengths[slot]);
  }

  /** Appends numbers to the slot's row. */
  append(slot: number, ...values: number[]): void {
    this.growSlots(slot + 1);
    const length = this.lengths[slot];
    const offset = this.offsets[slot];
    // The last row written can grow in place.
    if (length > 0 && offset + length === this.used && this.used + values.length <= this.arena.length) {
      this.arena.set(values, this.used);
      this.used += values.length;
      this.lengths[slot] = length + values.length;
      return;
    }
    const at = this.reserve(length + values.length);
    this.arena.copyWithin(at, this.offsets[slot], this.offsets[slot] + length);
    this.arena.set(values, at + length);
    this.release(slot);
    this.offsets[slot] = at;
    this.lengths[slot] = length + values.length;
  }

  /** Removes `count` numbers from the slot's row, starting at `from`. */
  cut(slot: number, from: number, count: number): void {
    const offset = this.offsets[slot];
    const length = this.lengths[slot];
    this.arena.copyWithin(offset + from, offset + from + count, offset + length);
    this.lengths[slot] = length - count;
    this.wasted += count;
  }

  /** Empties the slot's row. */
  drop(slot: number): void {
    if (slot < this.lengths.length) this.release(slot);
  }

  /** Empties every row. */
  clear(): void {
    this.arena = new Float32Array(1024);
    this.offsets = new Int32Array(256);
    this.lengths = new Int32Array(256);
    this.used = 0;
    this.wasted = 0;
  }

  /** Gives back the space rows left and the room kept for growth. */
  trim(): void {
    this.compact();
    const size = Math.max(1024, Math.ceil(this.used * 1.05));
    if (size < this.arena.length) this.arena = this.arena.slice(0, size);
  }

  /**
   * Trims when the arena holds more than a quarter over what the rows use (after a bulk build or
   * a start-up): the next trim waits for a twentieth of the rows to be written again.
   */
  trimIfLoose(): void {
    if (this.arena.length > 1.25 * (this.used - this.wasted) + 1024) this.trim();
  }

  /** Bytes held. */
  get bytes(): number {
    return this.arena.byteLength + this.offsets.byteLength + this.lengths.byteLength;
  }

  private release(slot: number): void {
    this.wasted += this.lengths[slot];
    this.lengths[slot] = 0;
  }

  /** Room for `size` numbers at the end; may move every row (views taken before are stale). */
  private reserve(size: number): number {
    if (this.used + size > this.arena.length && this.wasted > this.used / 2) this.compact();
    if (this.used + size > this.arena.length) {
      this.arena = resized(this.arena.subarray(0, this.used), Math.max(this.used + size, Math.ceil(this.arena.length * 1.5)));
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  /** Moves every row to the front, in arena order, dropping the space rows left. */
  private compact(): void {
    const live: number[] = [];
    for (let slot = 0; slot < this.lengths.length; slot += 1) if (this.lengths[slot] > 0) live.push(slot);
    live.sort((a, b) => this.offsets[a] - this.offsets[b]);
    let at = 0;
    for (const slot of live) {
      this.arena.copyWithin(at, this.offsets[slot], this.offsets[slot] + this.lengths[slot]);
      this.offsets[slot] = at;
      at += this.lengths[slot];
    }
    this.used = at;
    this.wasted = 0;
  }

  private growSlots(needed: number): void {
    if (needed <= this.lengths.length) return;
    const size = Math.max(needed, this.lengths.length * 2);
    this.offsets = resized(this.offsets, size);
    this.lengths = resized(this.lengths, size);
  }
}
