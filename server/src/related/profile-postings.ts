import type { DocumentStore } from './doc-store';
import { InvertedIndex } from './inverted-index';
import type { SparseVector } from './vector';

/**
 * The inverted index over one locale's profiles, and the index work put off until a query needs
 * it. Outside a full reprofile, a document with a profile or postings is in one of three states:
 * - indexed: its postings in `index` are those of its current profile;
 * - restored: its stored profile came back with it (a start-up) and has no postings yet, until
 *   `indexRestored` (run before any profile is computed);
 * - deferred: at most one, a re-saved document back in its own slot. Its old postings stay in
 *   the index and its new profile (once computed) is not in it yet: its own queries block its
 *   slot, so they find the same documents without them, and its list is stored without waiting
 *   for the update. Every other query, and every update, first settles it (`settleFor`, `settle`).
 * A full reprofile starts from `reset` (nothing restored or deferred) and owns `index` until it ends.
 */
export class ProfilePostings {
  /** Replaced by a bulk build: read it through this object, never keep it. */
  index: InvertedIndex;
  private deferred: { slot: number; old: SparseVector } | undefined;
  /** Slots whose restored profile is not in the index yet. */
  private readonly unindexed = new Set<number>();

  constructor(
    private readonly docs: DocumentStore,
    private readonly capacity: number,
  ) {
    this.index = new InvertedIndex(capacity);
  }

  get restoredCount(): number {
    return this.unindexed.size;
  }

  isRestored(slot: number): boolean {
    return this.unindexed.has(slot);
  }

  /** A profile restored as stored: indexed in bulk later. */
  restored(slot: number): void {
    this.unindexed.add(slot);
  }

  /**
   * A re-saved document's old postings (`old`, its profile in `before`): put off when it is back
   * in the same slot, removed now when it moved.
   */
  resaved(before: number, slot: number, old: SparseVector): void {
    if (slot === before) this.deferred = { slot, old };
    else this.index.remove(before, old);
  }

  /** A document leaves with this profile; with `keepPostings` its postings stay for the caller. */
  forget(slot: number, profile: SparseVector | undefined, keepPostings: boolean): void {
    if (profile && !this.unindexed.delete(slot) && !keepPostings) this.index.remove(slot, profile);
  }

  /** A recomputed profile replaces the slot's postings (a deferred slot's wait for `settle`). */
  put(slot: number, vector: SparseVector): void {
    if (this.deferred?.slot === slot) return;
    const old = this.docs.profile(slot);
    if (old && !this.unindexed.delete(slot)) this.index.remove(slot, old);
    this.index.add(slot, vector);
  }

  /** Before a query for `slot`: only the deferred document's own queries may run without its postings. */
  settleFor(slot: number | undefined): void {
    if (this.deferred?.slot !== slot) this.settle();
  }

  /** Does the index work put off for a re-saved document. */
  settle(): void {
    const owed = this.deferred;
    if (!owed) return;
    this.deferred = undefined;
    this.index.remove(owed.slot, owed.old);
    const vector = this.docs.profile(owed.slot);
    if (vector) this.index.add(owed.slot, vector);
  }

  /** Puts restored profiles in the index: one bulk rebuild when there are many. */
  indexRestored(): void {
    this.settle();
    if (this.unindexed.size > Math.max(64, this.docs.size / 4)) {
      this.index.releaseAll();
      this.index = new InvertedIndex(this.capacity);
      this.index.addAll(this.storedProfiles([...this.docs.liveSlots()]));
    } else {
      for (const slot of this.unindexed) {
        const vector = this.docs.profile(slot);
        if (vector) this.index.add(slot, vector);
      }
    }
    this.unindexed.clear();
  }

  /**
   * An empty index, nothing restored or deferred: a bulk build of every document follows. With
   * `shared`, its lists are over shared memory (for a helper thread), now and when they grow.
   */
  reset(shared = false): void {
    this.unindexed.clear();
    this.deferred = undefined;
    this.index.releaseAll();
    this.index = new InvertedIndex(this.capacity, shared);
  }

  private *storedProfiles(slots: number[]): Generator<[number, SparseVector]> {
    for (const slot of slots) {
      const vector = this.docs.profile(slot);
      if (vector) yield [slot, vector];
    }
  }
}
