import type { CodedVector } from './profile';
import type { DocTerms, TermRun } from './term-weights';
import { SlotArena } from './slot-arena';
import type { SparseVector } from './vector';
import { isShared, resized, sharedCopy } from './typed-arrays';

/**
 * Per-document data of one locale, by dense slot number: the analysed terms, the metadata the
 * scoring and selection need, and the profile vector. Terms and profiles live in shared
 * typed-array arenas (no object per document), so 100,000 documents cost a few bytes a term.
 */

export interface DocumentMeta {
  section: string | null;
  /** ms since the epoch, `null` when unknown. */
  publishedAt: number | null;
  neverListElsewhere: boolean;
}

/** Term frequencies are stored as fixed-point 16-bit numbers, 1/32 apart, up to 2047.97. */
const TF_SCALE = 32;
const TF_MAX = 65535;

export const quantizeTf = (tf: number): number => Math.min(TF_MAX, Math.max(1, Math.round(tf * TF_SCALE)));

/**
 * Profile weights (of unit vectors, so in [0, 1]) are stored as 16-bit fixed-point numbers: half
 * the memory of 32-bit floats, within 1/131070 of the weight, and a profile read back and stored
 * again is unchanged.
 */
const WEIGHT_SCALE = 65535;

const quantizeWeight = (weight: number): number => Math.min(WEIGHT_SCALE, Math.max(1, Math.round(weight * WEIGHT_SCALE)));

export const decodedWeights = (stored: ArrayLike<number>): Float32Array => {
  const weights = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i += 1) weights[i] = stored[i] / WEIGHT_SCALE;
  return weights;
};

/**
 * The vector as the store gives it back: the postings of a profile must be made from these
 * weights, which `profile` returns, or they could not be found again to be removed.
 */
export const storedForm = (vector: SparseVector): SparseVector => ({ ids: vector.ids, weights: decodedWeights(vector.weights.map(quantizeWeight)) });

/** Every stored profile in place: a run's weights are `weights[i] × scale`. */
export interface ProfileRuns {
  ids: Uint32Array;
  weights: Uint16Array;
  scale: number;
}

/** A slot's publication time (kept as NaN when unknown). */
export const dateAt = (published: Float64Array, slot: number): number | null => {
  const time = published[slot];
  return Number.isNaN(time) ? null : time;
};

/** What `sharedTerms` gives another thread. */
export interface SharedTerms {
  ids: Uint32Array;
  tf: Uint16Array;
  tfScale: number;
  offsets: Int32Array;
  counts: Int32Array;
  lengths: Float64Array;
  /** ms since the epoch, NaN when unknown. */
  published: Float64Array;
  size: number;
  capacity: number;
}

/** Reads shared terms as `DocumentStore` reads its own: what the profile smoother asks of it. */
export class SharedTermsReader {
  constructor(private readonly shared: SharedTerms) {}

  get size(): number {
    return this.shared.size;
  }

  get capacity(): number {
    return this.shared.capacity;
  }

  termsOf(slot: number): DocTerms & { ids: Uint32Array; tf: Uint16Array } {
    const { ids, tf, tfScale, offsets, counts, lengths } = this.shared;
    const from = offsets[slot];
    const to = from + counts[slot];
    return { ids: ids.subarray(from, to), tf: tf.subarray(from, to), tfScale, length: lengths[slot] };
  }

  termArena(): TermRun & { ids: Uint32Array; tf: Uint16Array } {
    return { ids: this.shared.ids, tf: this.shared.tf, tfScale: this.shared.tfScale };
  }

  termOffset(slot: number): number {
    return this.shared.offsets[slot];
  }

  termCount(slot: number): number {
    return slot < this.shared.counts.length ? this.shared.counts[slot] : 0;
  }

  length(slot: number): number {
    return this.shared.lengths[slot];
  }

  publishedAt(slot: number): number | null {
    return dateAt(this.shared.published, slot);
  }

  /** No norms are kept here (the smoother computes one when it needs it; a full pass never does). */
  baseNorm(): number {
    return 0;
  }

  setBaseNorm(): void {}
}

export class DocumentStore {
  private readonly idsBySlot: (string | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly terms = new SlotArena((size) => new Uint16Array(size));
  // Over shared memory once a full reprofile built it: a rebuild's helper thread reads it in place.
  private readonly profiles = new SlotArena((size) => new Uint16Array(size), true);
  private lengths = new Float64Array(256);
  private published = new Float64Array(256);
  private never = new Uint8Array(256);
  private hasProfile = new Uint8Array(256);
  private profiledAt = new Float64Array(256);
  private norms = new Float64Array(256);
  private readonly sections: (string | null)[] = [];
  // One string per section: each article read from the database brings its own copy (40 MB at a million articles).
  private readonly sectionNames = new Map<string, string>();

  /** Documents stored. */
  get size(): number {
    return this.slots.size;
  }

  /** One past the highest slot ever used (the range slot-indexed arrays must cover). */
  get capacity(): number {
    return this.idsBySlot.length;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** The slots of those of `ids` that are stored. */
  slotsOf(ids: Iterable<string>): number[] {
    const found: number[] = [];
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (slot !== undefined) found.push(slot);
    }
    return found;
  }

  idOf(slot: number): string | undefined {
    return this.idsBySlot[slot];
  }

  /** Live slots, ascending. */
  *liveSlots(): IterableIterator<number> {
    for (let slot = 0; slot < this.idsBySlot.length; slot += 1) if (this.idsBySlot[slot] !== undefined) yield slot;
  }

  private growSlots(needed: number): void {
    if (needed <= this.lengths.length) return;
    const size = Math.max(needed, this.lengths.length * 2);
    this.lengths = resized(this.lengths, size);
    this.published = resized(this.published, size);
    this.never = resized(this.never, size);
    this.hasProfile = resized(this.hasProfile, size);
    this.profiledAt = resized(this.profiledAt, size);
    this.norms = resized(this.norms, size);
  }

  /**
   * Stores a new document (the id must not be stored yet) with its term ids (ascending) and
   * weighted frequencies; returns its slot.
   */
  insert(id: string, termIds: ArrayLike<number>, tf: ArrayLike<number>, length: number, meta: DocumentMeta): number {
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.idsBySlot.length;
    this.growSlots(slot + 1);
    this.idsBySlot[slot] = id;
    this.slots.set(id, slot);
    const quantized = new Uint16Array(tf.length);
    for (let i = 0; i < tf.length; i += 1) quantized[i] = quantizeTf(tf[i]);
    this.terms.write(slot, termIds, quantized);
    this.lengths[slot] = length;
    this.published[slot] = meta.publishedAt === null ? Number.NaN : meta.publishedAt;
    this.never[slot] = meta.neverListElsewhere ? 1 : 0;
    this.sections[slot] = meta.section === null ? null : this.sectionName(meta.section);
    this.hasProfile[slot] = 0;
    this.profiledAt[slot] = 0;
    this.norms[slot] = 0;
    return slot;
  }

  private sectionName(section: string): string {
    const known = this.sectionNames.get(section);
    if (known !== undefined) return known;
    this.sectionNames.set(section, section);
    return section;
  }

  /** Forgets a document; its slot may be reused. */
  delete(slot: number): void {
    const id = this.idsBySlot[slot];
    if (id === undefined) return;
    this.slots.delete(id);
    this.idsBySlot[slot] = undefined;
    this.terms.free(slot);
    this.profiles.free(slot);
    this.hasProfile[slot] = 0;
    this.sections[slot] = null;
    this.freeSlots.push(slot);
  }

  /** The document's terms (views into the arena, valid until the next insert). */
  termsOf(slot: number): DocTerms & { ids: Uint32Array; tf: Uint16Array } {
    return { ids: this.terms.ids(slot), tf: this.terms.values(slot), tfScale: 1 / TF_SCALE, length: this.lengths[slot] };
  }

  termCount(slot: number): number {
    return this.terms.count(slot);
  }

  /**
   * Every document's terms in place (valid until the next insert): a slot's run is
   * `[termOffset(slot), termOffset(slot) + termCount(slot))`. For loops over many documents.
   */
  termArena(): TermRun & { ids: Uint32Array; tf: Uint16Array } {
    return { ids: this.terms.allIds, tf: this.terms.allValues, tfScale: 1 / TF_SCALE };
  }

  /**
   * Every document's terms, lengths and dates over shared memory, for a helper thread (valid
   * until the next insert): `SharedTermsReader` reads them as this store does. The term arena
   * must be shared already (`trimTerms(true)`); the per-slot arrays are copied.
   */
  sharedTerms(): SharedTerms {
    const { offsets, counts } = this.terms.runs;
    return {
      ids: this.terms.allIds,
      tf: this.terms.allValues,
      tfScale: 1 / TF_SCALE,
      offsets: sharedCopy(offsets),
      counts: sharedCopy(counts),
      lengths: sharedCopy(this.lengths),
      published: sharedCopy(this.published),
      size: this.size,
      capacity: this.capacity,
    };
  }

  termOffset(slot: number): number {
    return this.terms.offset(slot);
  }

  /** One past the last term entry in use in `termArena()`. */
  get termEntries(): number {
    return this.terms.used;
  }

  /** Weighted length of the document (BM25's document length). */
  length(slot: number): number {
    return this.lengths[slot];
  }

  publishedAt(slot: number): number | null {
    return dateAt(this.published, slot);
  }

  section(slot: number): string | null {
    return this.sections[slot] ?? null;
  }

  neverListElsewhere(slot: number): boolean {
    return this.never[slot] === 1;
  }

  isProfiled(slot: number): boolean {
    return slot < this.hasProfile.length && this.hasProfile[slot] === 1;
  }

  /** The profile vector (its ids a view into the arena, valid until the next `setProfile`). */
  profile(slot: number): SparseVector | undefined {
    const coded = this.profileCodes(slot);
    return coded && { ids: coded.ids, weights: decodedWeights(coded.codes) };
  }

  /** The profile vector as kept, its weights as integer codes (views into the arena, valid until the next `setProfile`). */
  profileCodes(slot: number): CodedVector | undefined {
    if (!this.isProfiled(slot)) return undefined;
    return { ids: this.profiles.ids(slot), codes: this.profiles.values(slot), scale: WEIGHT_SCALE };
  }

  /**
   * Every profile in place (valid until the next `setProfile`): a profiled slot's run is
   * `[profileOffset(slot), profileOffset(slot) + profileCount(slot))`. For loops over many documents.
   */
  profileArena(): ProfileRuns {
    return { ids: this.profiles.allIds, weights: this.profiles.allValues, scale: 1 / WEIGHT_SCALE };
  }

  /**
   * Every profile in place and copies of where each slot's run is, for a helper thread (valid
   * until the next `setProfile`); undefined when the arena is not over shared memory (no full
   * reprofile built it yet).
   */
  sharedProfiles(): (ProfileRuns & { offsets: Int32Array; counts: Int32Array }) | undefined {
    const arena = this.profileArena();
    if (!isShared(arena.ids)) return undefined;
    const { offsets, counts } = this.profiles.runs;
    return { ...arena, offsets: sharedCopy(offsets), counts: sharedCopy(counts) };
  }

  /** A copy over shared memory of each slot's publication time (NaN when unknown). */
  sharedDates(): Float64Array {
    return sharedCopy(this.published);
  }

  profileOffset(slot: number): number {
    return this.profiles.offset(slot);
  }

  /** Entries of the slot's profile (0 when it has none). */
  profileCount(slot: number): number {
    return this.isProfiled(slot) ? this.profiles.count(slot) : 0;
  }

  setProfile(slot: number, vector: SparseVector | undefined, corpusSize: number): void {
    if (vector) this.profiles.write(slot, vector.ids, vector.weights.map(quantizeWeight));
    else this.profiles.free(slot);
    this.hasProfile[slot] = vector ? 1 : 0;
    this.profiledAt[slot] = corpusSize;
  }

  /** Corpus size when the slot's profile was computed. */
  profiledAtSize(slot: number): number {
    return this.profiledAt[slot];
  }

  /** Norm of the document's term vector when last computed (0 = unknown). */
  baseNorm(slot: number): number {
    return this.norms[slot];
  }

  setBaseNorm(slot: number, norm: number): void {
    this.norms[slot] = norm;
  }

  /**
   * Follows a `TermDictionary.renumber`, a document at a time: its term ids are mapped (all its
   * terms are kept) and put back in ascending order. Its profile still holds the old ids.
   */
  remapTermsOf(slot: number, map: Int32Array): void {
    this.terms.remapIds(slot, map);
  }

  /** Makes room for `entries` more profile entries at once (before profiling many documents). */
  reserveProfiles(entries: number): void {
    // Over shared memory at once: moved there by the pass's last trim, it was copied whole.
    this.profiles.reserve(entries, true);
  }

  /** Returns unused arena space to the allocator (after a bulk build); the profiles end over shared memory. */
  trim(): void {
    this.terms.compact(true);
    this.profiles.compact(true, true);
  }

  /**
   * Returns unused term arena space (before a bulk pass that keeps data parallel to it); with
   * `shared`, the arena ends over shared memory (it is an ordinary array again once it grows).
   */
  trimTerms(shared = false): void {
    this.terms.compact(true, shared);
  }

  /** Approximate bytes held by the arenas and slot arrays. */
  get bytes(): number {
    return this.terms.bytes + this.profiles.bytes + this.lengths.length * (8 + 8 + 1 + 1 + 8 + 8);
  }
}
