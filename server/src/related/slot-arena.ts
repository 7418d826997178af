import { isShared, releaseForSharedCopy, releaseShared, resized } from './typed-arrays';

type Values = Float32Array | Uint16Array;

/** Room a trimmed arena keeps beyond its entries: the next writes fit without growing it by half. */
const HEADROOM = 1.05;

/**
 * Variable-length (id, value) runs per slot in two parallel typed arrays. Freed runs are reclaimed
 * by compaction when they exceed half the arena. Views returned by `ids`/`values` are valid until
 * the next `write`.
 */
export class SlotArena<V extends Values> {
  private idArena: Uint32Array;
  private valueArena: V;
  private usedCount = 0;
  private wasted = 0;
  private offsets = new Int32Array(256);
  private counts = new Int32Array(256);

  /** With `keepShared`, an arena moved to shared memory stays there when it grows (else it leaves it). */
  constructor(
    makeValues: (size: number) => V,
    private readonly keepShared = false,
  ) {
    this.idArena = new Uint32Array(4096);
    this.valueArena = makeValues(4096);
  }

  get bytes(): number {
    return this.idArena.byteLength + this.valueArena.byteLength + this.offsets.byteLength + this.counts.byteLength;
  }

  count(slot: number): number {
    return slot < this.counts.length ? this.counts[slot] : 0;
  }

  /** Entries in use (live runs and freed space not yet compacted). */
  get used(): number {
    return this.usedCount;
  }

  /** Every slot's run start and length (valid until the next `write` of a new slot). */
  get runs(): { offsets: Int32Array; counts: Int32Array } {
    return { offsets: this.offsets, counts: this.counts };
  }

  /** Where a slot's run starts in `allIds`/`allValues`. */
  offset(slot: number): number {
    return this.offsets[slot];
  }

  /** The whole id arena (valid until the next `write`). */
  get allIds(): Uint32Array {
    return this.idArena;
  }

  /** The whole value arena (valid until the next `write`). */
  get allValues(): V {
    return this.valueArena;
  }

  ids(slot: number): Uint32Array {
    const offset = this.offsets[slot];
    return this.idArena.subarray(offset, offset + this.counts[slot]);
  }

  values(slot: number): V {
    const offset = this.offsets[slot];
    return this.valueArena.subarray(offset, offset + this.counts[slot]) as V;
  }

  private growSlots(needed: number): void {
    if (needed <= this.offsets.length) return;
    const size = Math.max(needed, this.offsets.length * 2);
    this.offsets = resized(this.offsets, size);
    this.counts = resized(this.counts, size);
  }

  /** Moves the arenas to arrays of `size` entries (over shared memory when `shared`, or kept there). */
  private resize(size: number, shared = false): void {
    const used = Math.min(this.usedCount, size);
    const ids = this.idArena;
    const values = this.valueArena;
    const share = shared || (this.keepShared && isShared(ids));
    this.idArena = resized(ids.subarray(0, used), size, share);
    this.valueArena = resized(values.subarray(0, used) as V, size, share);
    const release = share ? releaseForSharedCopy : releaseShared;
    release(ids);
    release(values);
  }

  /**
   * Moves every run to the front, dropping freed space; with `trim`, shrinks to fit. With `shared`,
   * the arenas end over shared memory (moved there if they are not).
   */
  compact(trim = false, shared = false): void {
    const live: number[] = [];
    for (let slot = 0; slot < this.counts.length; slot += 1) if (this.counts[slot] > 0) live.push(slot);
    live.sort((a, b) => this.offsets[a] - this.offsets[b]);
    let at = 0;
    for (const slot of live) {
      const offset = this.offsets[slot];
      const count = this.counts[slot];
      if (offset !== at) {
        this.idArena.copyWithin(at, offset, offset + count);
        this.valueArena.copyWithin(at, offset, offset + count);
        this.offsets[slot] = at;
      }
      at += count;
    }
    this.usedCount = at;
    this.wasted = 0;
    const fit = Math.max(4096, Math.ceil(at * HEADROOM));
    if ((trim && this.idArena.length > fit) || (shared && !isShared(this.idArena)))
      this.resize(trim ? Math.min(fit, this.idArena.length) : this.idArena.length, shared);
  }

  /**
   * Makes room for `entries` more entries and the headroom a trim leaves (freed runs dropped
   * first): a bulk write of known size then allocates once, instead of growing by half in copies,
   * and the writes after it still fit. With `shared`, the room is over shared memory.
   */
  reserve(entries: number, shared = false): void {
    if (this.wasted > 0) this.compact();
    const room = Math.ceil((this.usedCount + entries) * HEADROOM);
    if (room > this.idArena.length || (shared && !isShared(this.idArena))) this.resize(room, shared);
  }

  /** Stores a slot's run (replacing any previous one). */
  write(slot: number, ids: ArrayLike<number>, values: ArrayLike<number>): void {
    this.free(slot);
    this.growSlots(slot + 1);
    const count = ids.length;
    if (this.usedCount + count > this.idArena.length) {
      if (this.wasted > this.usedCount / 2) this.compact();
      if (this.usedCount + count > this.idArena.length) this.resize(Math.max(this.usedCount + count, Math.ceil(this.idArena.length * 1.5)));
    }
    const offset = this.usedCount;
    for (let i = 0; i < count; i += 1) {
      this.idArena[offset + i] = ids[i];
      this.valueArena[offset + i] = values[i];
    }
    this.offsets[slot] = offset;
    this.counts[slot] = count;
    this.usedCount += count;
  }

  /** Maps a slot's ids through `map` and reorders the run by the new ids. */
  remapIds(slot: number, map: Int32Array): void {
    const ids = this.ids(slot);
    const values = this.values(slot);
    const n = ids.length;
    // Sorted through packed keys, new id × 2^20 + position: a numeric typed-array sort.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i += 1) keys[i] = map[ids[i]] * 1048576 + i;
    keys.sort();
    const oldValues = values.slice();
    for (let i = 0; i < n; i += 1) {
      const id = Math.floor(keys[i] / 1048576);
      ids[i] = id;
      values[i] = oldValues[keys[i] - id * 1048576];
    }
  }

  /** Maps the ids of every run through `map`, in place (runs keep their order). */
  remapAll(map: Int32Array): void {
    for (let slot = 0; slot < this.counts.length; slot += 1) {
      const offset = this.offsets[slot];
      for (let i = offset; i < offset + this.counts[slot]; i += 1) this.idArena[i] = map[this.idArena[i]];
    }
  }

  free(slot: number): void {
    if (slot >= this.counts.length || this.counts[slot] === 0) return;
    this.wasted += this.counts[slot];
    this.counts[slot] = 0;
  }
}
