import type { CandidateAccumulator } from './candidate-accumulator';
import type { DocumentStore } from './doc-store';
import type { InvertedIndex } from './inverted-index';
import type { LocaleParts } from './locale-parts';
import { storiesOn, withinStoryGap } from './locale-stories';
import type { RelatedSettings } from './settings';
import { addUnitTerms, baseNorm, baseVector, cosineWithLoaded, type DocTerms, type WeightStats } from './term-weights';
import { DenseScratch, type SparseVector } from './vector';

/** Story mates: `[slot, cosine of the two term vectors]`. */
export type Mates = Array<[number, number]>;

/** Σ query[id] × weight over `[from, to)` of parallel ids and weights; `query` must cover every id. */
const dotWithLoaded = (ids: Uint32Array, weights: Float32Array, from: number, to: number, query: DenseScratch): number => {
  const { values, seen } = query;
  let dot = 0;
  for (let i = from; i < to; i += 1) {
    const id = ids[i];
    // As in `similarity`: the byte per term first.
    if (seen[id] === 1) dot += values[id] * weights[i];
  }
  return dot;
};

/** Adds the positive weights of `[from, to)` of parallel ids and weights into `scratch` (which must cover every id). */
const addWeights = (ids: Uint32Array, weights: Float32Array, from: number, to: number, scratch: DenseScratch): void => {
  for (let i = from; i < to; i += 1) if (weights[i] > 0) scratch.add(ids[i], weights[i]);
};

/**
 * The smoothed profile vector: `unit(own + weight × unit(Σ neighbours))` pruned to the
 * `profileTerms` strongest terms, then unit length again. `own` is a unit term vector; `work`
 * holds the sum of the neighbours' unit term vectors on entry (may be empty) and is cleared.
 */
const expandProfile = (own: SparseVector, settings: RelatedSettings, work: DenseScratch): SparseVector => {
  const { weight } = settings.expansion;
  const length = weight > 0 ? work.norm() : 0;
  if (length > 0) {
    const scale = weight / length;
    for (let i = 0; i < work.count; i += 1) work.values[work.touched[i]] *= scale;
  } else work.clear();
  work.load(own);
  const vector = work.top(settings.profileTerms);
  work.clear();
  return vector;
};

/** What the smoother reads of a locale's parts: a helper thread gives it views of shared memory. */
export interface SmootherParts extends Pick<LocaleParts, 'settings' | 'accumulator' | 'scratch' | 'byId'> {
  readonly stats: WeightStats;
  readonly docs: Pick<
    DocumentStore,
    'size' | 'capacity' | 'termsOf' | 'termArena' | 'termOffset' | 'termCount' | 'length' | 'publishedAt' | 'baseNorm' | 'setBaseNorm'
  >;
  readonly postings: { settleFor(slot: number | undefined): void; readonly index: Pick<InvertedIndex, 'accumulate'> };
}

/**
 * Smoothed profiles ("more like this"): a document's term vector plus the centroid of its nearest
 * neighbours, found through the index as it stands (its candidates for the document's strongest
 * terms, ranked by the cosine of term vectors). The same candidates give its story mates.
 */
export class ProfileSmoother {
  private readonly settings: RelatedSettings;
  private readonly stats: WeightStats;
  private readonly docs: SmootherParts['docs'];
  private readonly postings: SmootherParts['postings'];
  private readonly accumulator: CandidateAccumulator;
  private readonly scratch: DenseScratch;
  private readonly byId: (a: number, b: number) => number;
  private readonly work = new DenseScratch();
  private neighbourSlots = new Int32Array(128);
  private neighbourScores = new Float64Array(128);

  constructor(parts: SmootherParts) {
    this.settings = parts.settings;
    this.stats = parts.stats;
    this.docs = parts.docs;
    this.postings = parts.postings;
    this.accumulator = parts.accumulator;
    this.scratch = parts.scratch;
    this.byId = parts.byId;
  }

  /** Makes room for every term id: the loops over unit weights check no bounds. */
  reserve(terms: number): void {
    this.scratch.ensure(terms);
    this.work.ensure(terms);
  }

  /**
   * The smoothed profile of a document from its terms, against the current index, and its story
   * mates. `unit`, during a full reprofile, holds every document's unit term weights.
   */
  profileFor(terms: DocTerms, self: number | undefined, publishedAt: number | null, unit?: Float32Array): { vector: SparseVector; norm: number; mates: Mates } {
    const { vector: own, norm } = baseVector(terms, this.stats, this.settings, this.settings.queryTerms);
    const mates = this.addNeighbours(own, self, this.neighbourCount(), publishedAt, unit);
    return { vector: expandProfile(own, this.settings, this.work), norm, mates };
  }

  /** The cached norm of a document's term vector (computed when missing). */
  normOf(slot: number): number {
    let norm = this.docs.baseNorm(slot);
    if (!(norm > 0)) {
      norm = baseNorm(this.docs.termsOf(slot), this.stats, this.settings);
      this.docs.setBaseNorm(slot, norm);
    }
    return norm;
  }

  /**
   * Neighbours used for smoothing: `expansion.neighbours`, but no more than √N (the classic k-NN
   * rule of thumb) so that a small corpus is not smoothed towards its global centroid.
   */
  private neighbourCount(): number {
    return Math.min(this.settings.expansion.neighbours, Math.floor(Math.sqrt(Math.max(0, this.docs.size - 1))));
  }

  /**
   * Adds into `work` the unit term vectors of the `m` documents nearest `own` (by cosine of term
   * vectors, among the candidates the index gives), nearest first; `scratch` is used.
   */
  private addNeighbours(own: SparseVector, self: number | undefined, m: number, publishedAt: number | null, unit: Float32Array | undefined): Mates {
    this.work.clear();
    if ((m <= 0 && !storiesOn(this.settings)) || own.ids.length === 0) return [];
    const { settings, scratch, accumulator, docs, stats } = this;
    scratch.clear();
    scratch.load(own);
    accumulator.begin(docs.capacity, false);
    if (self !== undefined) accumulator.block(self);
    this.postings.settleFor(self);
    this.postings.index.accumulate(own, settings.queryTerms, settings.postings.scan, accumulator);
    const candidates = accumulator.top(settings.expansion.candidates, this.byId);
    if (this.neighbourSlots.length < candidates.length) {
      this.neighbourSlots = new Int32Array(candidates.length);
      this.neighbourScores = new Float64Array(candidates.length);
    }
    const { neighbourSlots: slots, neighbourScores: scores } = this;
    const arena = docs.termArena();
    let count = 0;
    for (const slot of candidates) {
      const from = docs.termOffset(slot);
      const to = from + docs.termCount(slot);
      const score = unit
        ? dotWithLoaded(arena.ids, unit, from, to, scratch)
        : cosineWithLoaded(arena, from, to, docs.length(slot), this.normOf(slot), stats, settings, scratch);
      if (score > 0) {
        slots[count] = slot;
        scores[count] = score;
        count += 1;
      }
    }
    scratch.clear();
    // Story mates: the same candidates, compared by the same unsmoothed cosine.
    let mates: Mates = [];
    if (storiesOn(settings)) {
      for (let i = 0; i < count; i += 1) {
        if (scores[i] >= settings.stories.threshold && withinStoryGap(publishedAt, docs.publishedAt(slots[i]), settings)) mates.push([slots[i], scores[i]]);
      }
      // Its strongest links only: they decide its story, and bound the work a save costs.
      if (mates.length > settings.stories.links) mates = mates.sort((a, b) => b[1] - a[1] || this.byId(a[0], b[0])).slice(0, settings.stories.links);
    }
    // Partial selection sort: the m best, best first (m and the candidates are a few dozen).
    const kept = Math.min(m, count);
    for (let i = 0; i < kept; i += 1) {
      let best = i;
      for (let j = i + 1; j < count; j += 1) if (scores[j] > scores[best] || (scores[j] === scores[best] && this.byId(slots[j], slots[best]) < 0)) best = j;
      const slot = slots[best];
      const score = scores[best];
      slots[best] = slots[i];
      scores[best] = scores[i];
      slots[i] = slot;
      scores[i] = score;
      const from = docs.termOffset(slot);
      const to = from + docs.termCount(slot);
      if (unit) addWeights(arena.ids, unit, from, to, this.work);
      else addUnitTerms(arena, from, to, docs.length(slot), stats, settings, this.work);
    }
    return mates;
  }
}
