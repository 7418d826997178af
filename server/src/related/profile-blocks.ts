import { CandidateAccumulator } from './candidate-accumulator';
import { lengthNormFor } from './corpus-stats';
import { SharedTermsReader, type SharedTerms } from './doc-store';
import { SharedListsReader, type SharedLists } from './inverted-index';
import type { RelatedSettings } from './settings';
import { ProfileSmoother, type Mates } from './smoothing';
import type { SparseVector } from './vector';
import { DenseScratch } from './vector';

/**
 * A full reprofile's `profiles` stage split with a helper thread. The stage only reads what the
 * `terms` stage left (every document's terms and unit weights, the index of term vectors, the
 * statistics), so another thread given the same memory computes the same profiles: the pass gives
 * it blocks of slots (`ProfileBlock`) and applies its results (`ProfileBlockResult`) in slot order,
 * as if it had computed them itself.
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

/** Slots whose profiles a helper computes (`from`: where they start among the pass's slots). */
export interface ProfileBlock {
  pass: number;
  from: number;
  slots: Int32Array;
}

/**
 * A block's profiles and story mates, packed: for slot i, `sizes[2i]` profile entries and
 * `sizes[2i + 1]` mates, each slot's after the previous one's.
 */
export interface ProfileBlockResult {
  pass: number;
  from: number;
  sizes: Int32Array;
  ids: Uint32Array;
  weights: Float32Array;
  mateSlots: Int32Array;
  mateScores: Float64Array;
}

/** Computes blocks of one pass's profiles from its share: the work of a helper thread. */
export const profileBlockComputer = (share: ProfileStageShare): ((block: ProfileBlock) => ProfileBlockResult) => {
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
  return ({ pass, from, slots }) => {
    const vectors: SparseVector[] = [];
    const mates: Mates[] = [];
    for (const slot of slots) {
      const profile = smoother.profileFor(docs.termsOf(slot), slot, docs.publishedAt(slot), unit);
      vectors.push(profile.vector);
      mates.push(profile.mates);
    }
    return packProfiles(pass, from, vectors, mates);
  };
};

const packProfiles = (pass: number, from: number, vectors: SparseVector[], mates: Mates[]): ProfileBlockResult => {
  const sizes = new Int32Array(2 * vectors.length);
  let entries = 0;
  let mateCount = 0;
  vectors.forEach((vector, i) => {
    sizes[2 * i] = vector.ids.length;
    sizes[2 * i + 1] = mates[i].length;
    entries += vector.ids.length;
    mateCount += mates[i].length;
  });
  const result: ProfileBlockResult = {
    pass,
    from,
    sizes,
    ids: new Uint32Array(entries),
    weights: new Float32Array(entries),
    mateSlots: new Int32Array(mateCount),
    mateScores: new Float64Array(mateCount),
  };
  let at = 0;
  let mateAt = 0;
  vectors.forEach((vector, i) => {
    result.ids.set(vector.ids, at);
    result.weights.set(vector.weights, at);
    at += vector.ids.length;
    for (const [slot, score] of mates[i]) {
      result.mateSlots[mateAt] = slot;
      result.mateScores[mateAt] = score;
      mateAt += 1;
    }
  });
  return result;
};

/** Each profile and its mates of a block's result, in the block's order. */
export function* unpackProfiles(result: ProfileBlockResult): Generator<{ vector: SparseVector; mates: Mates }> {
  let at = 0;
  let mateAt = 0;
  for (let i = 0; i < result.sizes.length / 2; i += 1) {
    const size = result.sizes[2 * i];
    const mateCount = result.sizes[2 * i + 1];
    const mates: Mates = [];
    for (let m = mateAt; m < mateAt + mateCount; m += 1) mates.push([result.mateSlots[m], result.mateScores[m]]);
    yield { vector: { ids: result.ids.subarray(at, at + size), weights: result.weights.subarray(at, at + size) }, mates };
    at += size;
    mateAt += mateCount;
  }
}

/** The buffers of a result, to move to another thread without a copy. */
export const resultBuffers = (result: ProfileBlockResult): ArrayBuffer[] =>
  [result.sizes, result.ids, result.weights, result.mateSlots, result.mateScores].map((array) => array.buffer as ArrayBuffer);
