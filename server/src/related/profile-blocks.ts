import { CandidateAccumulator } from './candidate-accumulator';
import { lengthNormFor } from './corpus-stats';
import { SharedTermsReader, type SharedTerms } from './doc-store';
import { SharedListsReader, type SharedLists } from './inverted-index';
import type { RelatedSettings } from './settings';
import { ProfileSmoother, type Mates } from './smoothing';
import { sharedArray } from './typed-arrays';
import { DenseScratch, type SparseVector } from './vector';

/**
 * A full reprofile's `profiles` stage split with a helper thread. The stage only reads what the
 * `terms` stage left (every document's terms and unit weights, the index of term vectors, the
 * statistics), so another thread given the same memory computes the same profiles: the pass gives
 * it blocks of slots (`ProfileBlock`) and applies what it wrote in slot order, as if it had computed
 * them itself.
 */

/** What a helper thread needs for one pass's profiles: shared memory, and copies of small tables. */
export interface ProfileStageShare {
  /** Tells passes apart: a result for a pass that ended is ignored. */
  pass: number;
  settings: RelatedSettings;
  terms: SharedTerms;
  /** Every document's unit term weights, parallel to `terms.ids`. */
  unit: Float32Array;
  lists: SharedLists;
  /** The statistics' IDF table and average length, as the pass reads them. */
  idf: Float64Array;
  averageLength: number;
  /** Slot → rank of its document's id: equal scores are ordered by id, as `byId` orders them. */
  ranks: Int32Array;
  /** Term ids are below this. */
  termIds: number;
}

/**
 * Where a helper writes a block's profiles and story mates, over shared memory the pass owns (and
 * reuses): for slot i of the block, `sizes[2i]` profile entries and `sizes[2i + 1]` mates, each
 * slot's after the previous one's. Nothing is allocated per block on the helper's side.
 */
export interface ProfileBlockOutput {
  sizes: Int32Array;
  ids: Uint32Array;
  weights: Float32Array;
  mateSlots: Int32Array;
  mateScores: Float64Array;
}

/** Slots whose profiles a helper computes (`from`: where they start among the pass's slots), and where it writes them. */
export interface ProfileBlock {
  pass: number;
  from: number;
  slots: Int32Array;
  out: ProfileBlockOutput;
}

/** Room for the profiles and mates of `size` slots under these settings. */
export const blockOutput = (size: number, settings: RelatedSettings): ProfileBlockOutput => {
  const entries = size * settings.profileTerms;
  const mates = size * settings.stories.links;
  return {
    sizes: sharedArray(Int32Array, 2 * size),
    ids: sharedArray(Uint32Array, entries),
    weights: sharedArray(Float32Array, entries),
    mateSlots: sharedArray(Int32Array, mates),
    mateScores: sharedArray(Float64Array, mates),
  };
};

/** Computes blocks of one pass's profiles from its share, into each block's output: the work of a helper thread. */
export const profileBlockComputer = (share: ProfileStageShare): ((block: ProfileBlock) => void) => {
  const { settings, ranks, unit } = share;
  const docs = new SharedTermsReader(share.terms);
  const index = new SharedListsReader(share.lists);
  const idf = share.idf;
  const smoother = new ProfileSmoother({
    settings,
    stats: { lengthNorm: (length, k1, b) => lengthNormFor(share.averageLength, length, k1, b), idfTable: () => idf },
    docs,
    postings: { settleFor: () => undefined, index },
    accumulator: new CandidateAccumulator(),
    scratch: new DenseScratch(),
    byId: (a, b) => ranks[a] - ranks[b],
  });
  smoother.reserve(share.termIds);
  return ({ slots, out }) => {
    let at = 0;
    let mateAt = 0;
    slots.forEach((slot, i) => {
      const { vector, mates } = smoother.profileFor(docs.termsOf(slot), slot, docs.publishedAt(slot), unit);
      if (at + vector.ids.length > out.ids.length || mateAt + mates.length > out.mateSlots.length)
        throw new RangeError('a block of profiles outgrew its output');
      out.sizes[2 * i] = vector.ids.length;
      out.sizes[2 * i + 1] = mates.length;
      out.ids.set(vector.ids, at);
      out.weights.set(vector.weights, at);
      at += vector.ids.length;
      for (const [mate, score] of mates) {
        out.mateSlots[mateAt] = mate;
        out.mateScores[mateAt] = score;
        mateAt += 1;
      }
    });
  };
};

/** Each profile and its mates of a block's `count` slots, in the block's order. */
export function* unpackProfiles(out: ProfileBlockOutput, count: number): Generator<{ vector: SparseVector; mates: Mates }> {
  let at = 0;
  let mateAt = 0;
  for (let i = 0; i < count; i += 1) {
    const size = out.sizes[2 * i];
    const mateCount = out.sizes[2 * i + 1];
    const mates: Mates = [];
    for (let m = mateAt; m < mateAt + mateCount; m += 1) mates.push([out.mateSlots[m], out.mateScores[m]]);
    yield { vector: { ids: out.ids.subarray(at, at + size), weights: out.weights.subarray(at, at + size) }, mates };
    at += size;
    mateAt += mateCount;
  }
}
