import { CorpusStats, TermDictionary } from './corpus-stats';
import { DisplayForms } from './display-forms';
import { DocumentStore } from './doc-store';
import { CandidateAccumulator } from './candidate-accumulator';
import { InvertedIndex } from './inverted-index';
import { storeVector, type ArticleProfile } from './profile';
import { TAG_PREFIX } from './analyze';
import { reasonsFrom } from './reasons';
import { DAY_MS, recencyFactor, roundScore, similarity } from './score';
import { selectRelated, type Candidate } from './select';
import { StoryGraph } from './story-graph';
import type { RelatedSettings } from './settings';
import type { AffectedOptions, RelatedLink, RelatedOptions } from './api-types';
import {
  addUnitTerms,
  addWeights,
  baseNorm,
  baseVector,
  cosineWithLoaded,
  dotWithLoaded,
  writeUnitWeights,
  expandProfile,
  type DocTerms,
} from './term-weights';
import { DenseScratch, type SparseVector } from './vector';

/** A full reprofile under way: its documents, the pass it is in and how far it got. */
interface FullReprofile {
  slots: Int32Array;
  stage: 'terms' | 'sort-terms' | 'profiles' | 'profiles-index' | 'sort-profiles';
  at: number;
  /** Every document's unit term weights, parallel to the terms arena (until profiles are done). */
  unit: Float32Array | undefined;
}

/** Candidates per wanted link that may enter a list, the best by score. */
const CONTENDERS_PER_LINK = 4;

type QueryTarget = { slot: number | undefined; id: string; vector: SparseVector; terms: DocTerms; publishedAt: number | null };

/**
 * The index of one locale: its term dictionary and statistics, its documents, their smoothed
 * profiles and the inverted index over them. Documents of different locales never meet.
 */
export class LocaleIndex {
  private readonly dictionary = new TermDictionary();
  private readonly stats = new CorpusStats();
  private readonly docs = new DocumentStore();
  private index: InvertedIndex;
  private readonly accumulator = new CandidateAccumulator();
  private readonly scratch = new DenseScratch();
  private readonly work = new DenseScratch();
  private readonly reasonScratch = new DenseScratch();
  private readonly displays = new DisplayForms();
  private neighbourSlots = new Int32Array(128);
  private neighbourScores = new Float64Array(128);
  /** Terms held by exactly one document → that document's slot. */
  private singletons = new Map<number, number>();
  private readonly pending = new Set<number>();
  /** Slots whose restored profile is not in the index yet (indexed in bulk by `flush`). */
  private readonly unindexed = new Set<number>();
  private readonly changed = new Set<string>();
  /**
   * A re-saved document's postings, put off until a query that could see them: its old ones stay
   * in the index and its new profile is not in it yet. Its own queries block its slot, so they
   * find the same documents without them, and its list is stored without waiting for the update.
   */
  private deferred: { slot: number; old: SparseVector } | undefined;
  private job: FullReprofile | undefined;
  /** Corpus size at the last full profile pass (or of the oldest restored vector); 0 = never. */
  private builtAt = 0;
  private readonly stories: StoryGraph;
  /** Documents whose story changed since `takeStoryChanges` was last called. */
  private readonly storyChanged = new Set<string>();

  constructor(private readonly settings: RelatedSettings) {
    this.index = new InvertedIndex(settings.postings.capacity);
    this.stories = new StoryGraph((a, b) => this.earlier(a, b), (slot) => this.docs.publishedAt(slot), settings.stories.maxGapDays * DAY_MS, settings.stories.cohesion);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Documents whose profile is still to be computed. */
  get pendingCount(): number {
    const job = this.job;
    const unprofiled = !job ? 0 : job.stage === 'terms' || job.stage === 'sort-terms' ? job.slots.length : job.stage === 'profiles' ? job.slots.length - job.at : 0;
    return this.pending.size + unprofiled;
  }

  get termCount(): number {
    return this.dictionary.size;
  }

  get postingCount(): number {
    this.settleIndex();
    return this.index.size;
  }

  get bytes(): number {
    this.settleIndex();
    return this.docs.bytes + this.index.bytes;
  }

  has(id: string): boolean {
    return this.docs.slotOf(id) !== undefined;
  }

  private displayOf = (id: number): string => this.displays.display(id) || this.dictionary.term(id);

  /**
   * Orders equal scores by document id, not by slot: slots depend on the order documents came in,
   * so two indexes of the same documents give the same lists.
   */
  private byId = (a: number, b: number): number => {
    const idA = this.docs.idOf(a) ?? '';
    const idB = this.docs.idOf(b) ?? '';
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };

  /** Earlier publication first (unknown dates last), then by id: how a story picks its name. */
  private earlier(a: number, b: number): number {
    const ta = this.docs.publishedAt(a) ?? Number.POSITIVE_INFINITY;
    const tb = this.docs.publishedAt(b) ?? Number.POSITIVE_INFINITY;
    return ta < tb ? -1 : ta > tb ? 1 : this.byId(a, b);
  }

  private get storiesOn(): boolean {
    return this.settings.stories.threshold < 1;
  }

  /** Whether two publication times are close enough for one story (an unknown date is no gap). */
  private withinStoryGap(a: number | null, b: number | null): boolean {
    return a === null || b === null || Math.abs(a - b) <= this.settings.stories.maxGapDays * DAY_MS;
  }

  /** Marks documents whose story edges changed: their stored vectors carry them. */
  private relinked(slots: Iterable<number>): void {
    for (const slot of slots) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.changed.add(id);
    }
  }

  /** Names the stories touched since the last call, and notes whose story changed. */
  private settleStories(): void {
    for (const slot of this.stories.settle((candidate) => this.docs.idOf(candidate) !== undefined)) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.storyChanged.add(id);
    }
  }

  /** Term ids ascending with their frequencies; interns unknown terms when `intern`. */
  private termsOf(profile: ArticleProfile, intern: boolean): { ids: Uint32Array; tf: Float32Array; surfaces: string[] } {
    const n = Math.min(profile.terms.length, 1 << 20);
    // Sort by id through packed numeric keys: id × 2^20 + position.
    const keys = new Float64Array(n);
    const tfs = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i += 1) {
      const tf = Number(profile.tf[i]);
      if (!(tf > 0)) continue;
      const term = String(profile.terms[i]);
      const id = intern ? this.dictionary.intern(term) : this.dictionary.idOf(term);
      if (id === undefined) continue;
      keys[k] = id * 1048576 + i;
      tfs[i] = tf;
      k += 1;
    }
    const sorted = keys.subarray(0, k).sort();
    const ids = new Uint32Array(k);
    const tf = new Float32Array(k);
    const surfaces: string[] = new Array<string>(k);
    let previous = -1;
    let m = 0;
    for (let j = 0; j < k; j += 1) {
      const id = Math.floor(sorted[j] / 1048576);
      const at = sorted[j] - id * 1048576;
      if (id === previous) {
        tf[m - 1] += tfs[at];
        continue;
      }
      previous = id;
      ids[m] = id;
      tf[m] = tfs[at];
      surfaces[m] = profile.display?.[at] ?? '';
      m += 1;
    }
    return { ids: ids.subarray(0, m), tf: tf.subarray(0, m), surfaces: surfaces.slice(0, m) };
  }

  upsert(profile: ArticleProfile): void {
    this.finishFullReprofile();
    this.settleIndex();
    const restoring = profile.vector !== undefined;
    const before = this.docs.slotOf(profile.id);
    const indexed = before === undefined || restoring || this.unindexed.has(before) ? undefined : this.docs.profile(before);
    // Copied: the arena reuses the space of a removed document.
    const old = indexed && { ids: indexed.ids.slice(), weights: indexed.weights.slice() };
    this.forget(profile.id, old !== undefined);
    const { ids, tf, surfaces } = this.termsOf(profile, true);
    const length = Number.isFinite(profile.length) && profile.length > 0 ? profile.length : tf.reduce((a, b) => a + b, 0);
    const slot = this.docs.insert(profile.id, ids, tf, length, {
      section: profile.section ?? null,
      publishedAt: typeof profile.publishedAt === 'number' && Number.isFinite(profile.publishedAt) ? profile.publishedAt : null,
      neverListElsewhere: profile.neverListElsewhere === true,
    });
    this.accumulator.setIneligible(slot, profile.neverListElsewhere === true);
    if (old && before !== undefined) {
      // Removed slots are reused last-in first-out: the document is back in its own.
      if (slot === before) this.deferred = { slot, old };
      else this.index.remove(before, old);
    }
    for (const id of this.stats.addDocument(ids, length)) {
      // A term this document shares with exactly one other: that one's profile could not use it.
      // (Not when restoring stored vectors: they were computed with the whole corpus.)
      const holder = this.singletons.get(id);
      this.singletons.delete(id);
      if (!restoring && holder !== undefined && holder !== slot && this.docs.isProfiled(holder)) this.pending.add(holder);
    }
    for (let i = 0; i < ids.length; i += 1) if (this.stats.docFreq(ids[i]) === 1) this.singletons.set(ids[i], slot);
    this.displays.add(slot, ids, surfaces);
    const restored = this.restoreVector(profile);
    if (restored) {
      // Each story edge is stored at both ends: it comes back when the second end does.
      const mates = (profile.vector?.mates ?? []).flatMap(([mate, weight]): Array<[number, number]> => {
        const other = this.docs.slotOf(mate);
        return other === undefined ? [] : [[other, weight]];
      });
      this.stories.addMates(slot, mates);
      this.unindexed.add(slot);
      const at = Math.max(1, profile.vector?.corpusSize ?? 1);
      this.docs.setProfile(slot, restored, at);
      this.builtAt = this.builtAt === 0 ? at : Math.min(this.builtAt, at);
    } else this.pending.add(slot);
  }

  private restoreVector(profile: ArticleProfile): SparseVector | undefined {
    const stored = profile.vector;
    if (!stored || !Array.isArray(stored.terms) || !Array.isArray(stored.weights) || stored.terms.length !== stored.weights.length) return undefined;
    const rows: { id: number; weight: number }[] = [];
    for (let i = 0; i < stored.terms.length; i += 1) {
      const weight = Math.fround(Number(stored.weights[i]));
      if (weight > 0) rows.push({ id: this.dictionary.intern(stored.terms[i]), weight });
    }
    // Stable: equal weights keep their stored order, which the computing instance chose by term.
    rows.sort((a, b) => b.weight - a.weight);
    const vector: SparseVector = { ids: new Uint32Array(rows.length), weights: new Float32Array(rows.length) };
    rows.forEach((row, i) => {
      vector.ids[i] = row.id;
      vector.weights[i] = row.weight;
    });
    return vector;
  }

  remove(id: string): boolean {
    return this.forget(id, false);
  }

  /** Forgets a document; with `keepPostings` its postings stay in the index for the caller. */
  private forget(id: string, keepPostings: boolean): boolean {
    this.finishFullReprofile();
    this.settleIndex();
    const slot = this.docs.slotOf(id);
    if (slot === undefined) return false;
    const profile = this.docs.profile(slot);
    if (profile && !this.unindexed.delete(slot) && !keepPostings) this.index.remove(slot, profile);
    const terms = this.docs.termsOf(slot);
    this.stats.removeDocument(terms.ids, terms.length);
    this.displays.remove(slot, terms.ids);
    for (let i = 0; i < terms.ids.length; i += 1) {
      const term = terms.ids[i];
      if (this.stats.docFreq(term) === 0 && this.singletons.get(term) === slot) this.singletons.delete(term);
    }
    this.pending.delete(slot);
    this.changed.delete(id);
    this.relinked(this.stories.matesOf(slot).map(([mate]) => mate));
    this.stories.remove(slot);
    this.storyChanged.add(id);
    this.accumulator.setIneligible(slot, false);
    this.docs.delete(slot);
    return true;
  }

  /** Computes the profiles of documents added or touched since the last call. */
  flush(): void {
    while (!this.flushStep(Number.POSITIVE_INFINITY));
  }

  /**
   * Does about `maxDocs` documents' worth of pending profile work (at least one); returns true
   * when none is left. Lets a caller spread a full reprofile over many event-loop turns: queries
   * and updates in between first finish it (`flush`).
   */
  flushStep(maxDocs: number): boolean {
    const budget = Math.max(1, maxDocs);
    if (this.job) return this.stepFullReprofile(this.job, budget);
    if (this.unindexed.size > 0) this.indexRestored();
    if (this.pending.size === 0) return true;
    const live = this.docs.size;
    const growth = this.settings.reprofileGrowth;
    const full =
      this.builtAt === 0 || (growth > 0 && live >= growth * this.builtAt) || this.pending.size > Math.max(64, live / 4);
    if (full) {
      this.pending.clear();
      return this.stepFullReprofile(this.startFullReprofile(), budget);
    }
    const slots = [...this.pending].sort((a, b) => a - b);
    for (let i = 0; i < slots.length && i < budget; i += 1) {
      this.reprofile(slots[i]);
      this.pending.delete(slots[i]);
    }
    return this.pending.size === 0;
  }

  /** Finishes a full reprofile under way (before anything reads or changes the index). */
  private finishFullReprofile(): void {
    if (this.job) while (!this.stepFullReprofile(this.job, Number.POSITIVE_INFINITY));
  }

  /**
   * Marks every profile for recomputation with the current statistics: the next flush recomputes
   * them all in one pass, exactly as a fresh index of the same documents would.
   */
  invalidateProfiles(): void {
    for (const slot of this.docs.liveSlots()) this.pending.add(slot);
    this.builtAt = 0;
  }

  /** Before a query for `slot`: only the deferred document's own queries may run without its postings. */
  private settleIndexFor(slot: number | undefined): void {
    if (this.deferred?.slot !== slot) this.settleIndex();
  }

  /** Does the index work put off for a re-saved document. */
  private settleIndex(): void {
    const owed = this.deferred;
    if (!owed) return;
    this.deferred = undefined;
    this.index.remove(owed.slot, owed.old);
    const vector = this.docs.profile(owed.slot);
    if (vector) this.index.add(owed.slot, vector);
  }

  /** Puts restored profiles in the index: one bulk rebuild when there are many. */
  private indexRestored(): void {
    this.settleIndex();
    if (this.unindexed.size > Math.max(64, this.docs.size / 4)) {
      this.index = new InvertedIndex(this.settings.postings.capacity);
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
   * Adds into `work` the unit term vectors of the `m` documents nearest `own` (by cosine of term
   * vectors, among the candidates the index gives), nearest first; `scratch` is used.
   */
  private addNeighbours(own: SparseVector, self: number | undefined, m: number, publishedAt: number | null): Array<[number, number]> {
    this.work.clear();
    if ((m <= 0 && !this.storiesOn) || own.ids.length === 0) return [];
    const { settings, scratch, accumulator, docs, stats } = this;
    scratch.clear();
    scratch.load(own);
    accumulator.begin(docs.capacity, false);
    if (self !== undefined) accumulator.block(self);
    this.settleIndexFor(self);
    this.index.accumulate(own, settings.queryTerms, settings.postings.scan, accumulator);
    const candidates = accumulator.top(settings.expansion.candidates, this.byId);
    if (this.neighbourSlots.length < candidates.length) {
      this.neighbourSlots = new Int32Array(candidates.length);
      this.neighbourScores = new Float64Array(candidates.length);
    }
    const { neighbourSlots: slots, neighbourScores: scores } = this;
    const arena = docs.termArena();
    // During a full reprofile every document's unit weights are ready beside its terms.
    const unit = this.job?.unit;
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
    let mates: Array<[number, number]> = [];
    if (this.storiesOn) {
      for (let i = 0; i < count; i += 1) {
        if (scores[i] >= settings.stories.threshold && this.withinStoryGap(publishedAt, docs.publishedAt(slots[i]))) mates.push([slots[i], scores[i]]);
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

  /** The cached norm of a document's term vector (computed when missing). */
  private normOf(slot: number): number {
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

  /** The smoothed profile of a document from its terms, against the current index. */
  private profileFor(terms: DocTerms, self: number | undefined, publishedAt: number | null): { vector: SparseVector; norm: number; mates: Array<[number, number]> } {
    const { vector: own, norm } = baseVector(terms, this.stats, this.settings, this.settings.queryTerms);
    const mates = this.addNeighbours(own, self, this.neighbourCount(), publishedAt);
    return { vector: expandProfile(own, this.settings, this.work), norm, mates };
  }

  private setProfile(slot: number, vector: SparseVector): void {
    if (this.deferred?.slot !== slot) {
      const old = this.docs.profile(slot);
      if (old && !this.unindexed.delete(slot)) this.index.remove(slot, old);
      this.index.add(slot, vector);
    }
    this.docs.setProfile(slot, vector, this.docs.size);
    const id = this.docs.idOf(slot);
    if (id !== undefined) this.changed.add(id);
  }

  private reprofile(slot: number): void {
    const { vector, norm, mates } = this.profileFor(this.docs.termsOf(slot), slot, this.docs.publishedAt(slot));
    this.docs.setBaseNorm(slot, norm);
    this.setProfile(slot, vector);
    this.relinked(this.stories.matesOf(slot).map(([mate]) => mate));
    this.stories.setMates(slot, mates);
    this.relinked(mates.map(([mate]) => mate));
  }

  /**
   * Starts recomputing every profile with the current statistics, in three passes: every
   * document's term vector, pruned, goes into a provisional index (its unit weights are kept
   * beside the terms, so neighbours are compared by plain dot products); against it, every
   * document's neighbours and smoothed profile are computed; the index is rebuilt from the
   * smoothed profiles. The previous index is dropped first: one index is alive at a time.
   */
  private startFullReprofile(): FullReprofile {
    this.unindexed.clear();
    this.deferred = undefined;
    this.index = new InvertedIndex(this.settings.postings.capacity);
    // Every document finds its story mates again in the profiles pass.
    this.stories.clear();
    this.canonicalize();
    // Compacted first, so that the unit weights arena is no larger than the terms in use.
    this.docs.trimTerms();
    this.scratch.ensure(this.dictionary.size);
    this.work.ensure(this.dictionary.size);
    const job: FullReprofile = {
      slots: Int32Array.from(this.docs.liveSlots()),
      stage: 'terms',
      at: 0,
      unit: new Float32Array(this.docs.termEntries),
    };
    this.job = job;
    return job;
  }

  /** Advances a full reprofile by about `budget` documents' worth; returns true when all is done. */
  private stepFullReprofile(job: FullReprofile, budget: number): boolean {
    const { settings, docs } = this;
    const { slots } = job;
    // Sorting lists takes a whole step: a document's worth is its profile's postings.
    const sortBudget = budget * settings.profileTerms;
    let left = budget;
    while (left > 0) {
      if (job.stage === 'terms') {
        const unit = job.unit as Float32Array;
        const arena = docs.termArena();
        for (; job.at < slots.length && left > 0; job.at += 1, left -= 1) {
          const slot = slots[job.at];
          const from = docs.termOffset(slot);
          docs.setBaseNorm(slot, writeUnitWeights(arena, from, from + docs.termCount(slot), docs.length(slot), this.stats, settings, unit));
          const kept = settings.profileTerms;
          const { vector } = baseVector(docs.termsOf(slot), this.stats, settings, kept);
          docs.setProfile(slot, undefined, 0);
          this.index.append(slot, { ids: vector.ids.subarray(0, kept), weights: vector.weights.subarray(0, kept) });
        }
        if (job.at === slots.length) [job.stage, job.at] = ['sort-terms', 0];
      } else if (job.stage === 'sort-terms' || job.stage === 'sort-profiles') {
        const sorted = this.index.sortSome(sortBudget);
        left = 0;
        if (sorted && job.stage === 'sort-profiles') {
          this.endFullReprofile(job);
          return this.pending.size === 0 && this.unindexed.size === 0;
        }
        if (sorted) job.stage = 'profiles';
      } else if (job.stage === 'profiles') {
        for (; job.at < slots.length && left > 0; job.at += 1, left -= 1) {
          const slot = slots[job.at];
          const { vector, mates } = this.profileFor(docs.termsOf(slot), slot, docs.publishedAt(slot));
          docs.setProfile(slot, vector, slots.length);
          this.stories.addMates(slot, mates);
        }
        if (job.at === slots.length) {
          job.unit = undefined;
          this.index = new InvertedIndex(settings.postings.capacity);
          this.index.reserve(this.termCounts(slots));
          [job.stage, job.at] = ['profiles-index', 0];
        }
      } else {
        for (; job.at < slots.length && left > 0; job.at += 1, left -= 1) {
          const vector = docs.profile(slots[job.at]);
          if (vector) this.index.append(slots[job.at], vector);
        }
        if (job.at === slots.length) job.stage = 'sort-profiles';
      }
    }
    return false;
  }

  /** How many of the given documents' profiles hold each term. */
  private termCounts(slots: Int32Array): Int32Array {
    const counts = new Int32Array(this.dictionary.size);
    const { ids } = this.docs.profileArena();
    for (const slot of slots) {
      const from = this.docs.profileOffset(slot);
      const to = from + this.docs.profileCount(slot);
      for (let i = from; i < to; i += 1) counts[ids[i]] += 1;
    }
    return counts;
  }

  private endFullReprofile(job: FullReprofile): void {
    for (const slot of job.slots) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.changed.add(id);
    }
    this.builtAt = Math.max(1, job.slots.length);
    this.job = undefined;
    this.docs.trim();
  }

  /**
   * Renumbers the terms in code-point order of their text, forgetting those no document holds.
   * Sums run over terms in id order, so after this a full pass computes every profile with the
   * same floating-point operations on every instance, whatever order it met the terms in: equal
   * documents give bit-for-bit equal profiles and lists. Stored profiles are stale afterwards
   * (they hold old ids): only a full pass, which recomputes them all, may call it.
   */
  private canonicalize(): void {
    const kept: number[] = [];
    for (let id = 0; id < this.dictionary.size; id += 1) if (this.stats.docFreq(id) > 0) kept.push(id);
    const text = (id: number): string => this.dictionary.term(id);
    kept.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
    const map = this.dictionary.renumber(kept);
    this.stats.remap(map, kept.length);
    this.docs.remapTerms(map);
    this.displays.remap(map);
    const singletons = new Map<number, number>();
    for (const [old, slot] of this.singletons) if (map[old] >= 0) singletons.set(map[old], slot);
    this.singletons = singletons;
  }

  private *storedProfiles(slots: number[]): Generator<[number, SparseVector]> {
    for (const slot of slots) {
      const vector = this.docs.profile(slot);
      if (vector) yield [slot, vector];
    }
  }

  /**
   * The words this index's documents wrote, each with the term it gave (`[word, term]`), the
   * terms most documents hold first; at most `limit`. Tags are not stemmed and are left out.
   */
  surfaceStems(limit: number): [string, string][] {
    const ids: number[] = [];
    for (let id = 0; id < this.dictionary.size; id += 1) {
      if (this.stats.docFreq(id) > 0 && !this.dictionary.term(id).startsWith(TAG_PREFIX)) ids.push(id);
    }
    ids.sort((a, b) => this.stats.docFreq(b) - this.stats.docFreq(a) || a - b);
    const pairs: [string, string][] = [];
    for (const id of ids) {
      const term = this.dictionary.term(id);
      for (const form of this.displays.formsOf(id)) {
        if (pairs.length >= limit) return pairs;
        pairs.push([form || term, term]);
      }
    }
    return pairs;
  }

  /** Ids whose profile vector was recomputed since the last call. */
  takeChanged(): string[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  exportVector(id: string): ArticleProfile['vector'] {
    this.flush();
    const slot = this.docs.slotOf(id);
    const vector = slot === undefined ? undefined : this.docs.profile(slot);
    if (slot === undefined || !vector) return undefined;
    const mates = this.stories.matesOf(slot).flatMap(([mate, weight]): Array<[string, number]> => {
      const id = this.docs.idOf(mate);
      return id === undefined ? [] : [[id, weight]];
    });
    return storeVector(vector, (term) => this.dictionary.term(term), this.docs.profiledAtSize(slot), mates);
  }

  /** The story of a document: named after its earliest article (itself when it stands alone). */
  storyOf(id: string): string | undefined {
    this.flush();
    this.settleStories();
    const slot = this.docs.slotOf(id);
    return slot === undefined ? undefined : this.docs.idOf(this.stories.rootOf(slot));
  }

  /** The documents of a document's story, itself included, earliest first. */
  storyMembers(id: string): string[] {
    this.flush();
    this.settleStories();
    const slot = this.docs.slotOf(id);
    return slot === undefined ? [] : this.stories.members(slot).flatMap((member) => this.docs.idOf(member) ?? []);
  }

  /** Documents whose story (its name or its members) changed since the last call. */
  takeStoryChanges(): string[] {
    this.flush();
    this.settleStories();
    const ids = [...this.storyChanged];
    this.storyChanged.clear();
    return ids;
  }

  /** The query form of an indexed document, or of a document that is not (a draft). */
  private target(input: string | ArticleProfile): QueryTarget | undefined {
    this.flush();
    this.settleStories();
    if (typeof input === 'string') {
      const slot = this.docs.slotOf(input);
      const vector = slot === undefined ? undefined : this.docs.profile(slot);
      if (slot === undefined || !vector) return undefined;
      // Copies: arena views and decoding buffers are reused while the query runs.
      const terms = this.docs.termsOf(slot);
      return {
        slot,
        id: input,
        vector: { ids: vector.ids.slice(), weights: vector.weights.slice() },
        terms: { ids: terms.ids.slice(), tf: terms.tf.slice(), tfScale: terms.tfScale, length: terms.length },
        publishedAt: this.docs.publishedAt(slot),
      };
    }
    // Not indexed (or a different version of an indexed one): counted in the statistics for the
    // time of the query, as if it were saved.
    const slot = this.docs.slotOf(input.id);
    const { ids, tf } = this.termsOf(input, true);
    const length = input.length > 0 ? input.length : tf.reduce((a, b) => a + b, 0);
    this.stats.addDocument(ids, length);
    const terms: DocTerms = { ids, tf, tfScale: 1, length };
    try {
      const { vector } = this.profileFor(terms, slot, input.publishedAt);
      return { slot, id: input.id, vector, terms, publishedAt: input.publishedAt };
    } finally {
      this.stats.removeDocument(ids, length);
    }
  }

  /** Exact scores of the best candidates for a target: best first, except for a list (`listing`). */
  private score(target: QueryTarget, pool: number, listing: boolean, blocked: Iterable<string>): { slot: number; score: number }[] {
    const { settings, scratch, accumulator } = this;
    scratch.clear();
    scratch.load(target.vector);
    accumulator.begin(this.docs.capacity, listing);
    if (target.slot !== undefined) accumulator.block(target.slot);
    this.settleIndexFor(target.slot);
    for (const id of blocked) {
      const slot = this.docs.slotOf(id);
      if (slot !== undefined) accumulator.block(slot);
    }
    this.index.accumulate(target.vector, settings.queryTerms, settings.postings.scan, accumulator);
    const arena = this.docs.profileArena();
    const scored = accumulator.top(pool, this.byId).map((slot) => ({ slot, score: this.exactScore(target, slot, arena) }));
    scratch.clear();
    // A list's candidates are ordered by `selectRelated` (score, then id): sorted once, there.
    return listing ? scored : scored.sort((a, b) => b.score - a.score || this.byId(a.slot, b.slot));
  }

  /** Similarity × recency between the loaded target and a slot (`scratch` holds the target). */
  private exactScore(target: QueryTarget, slot: number, arena: SparseVector = this.docs.profileArena()): number {
    const count = this.docs.profileCount(slot);
    if (count === 0) return 0;
    const from = this.docs.profileOffset(slot);
    return similarity(this.scratch, arena, from, from + count) * recencyFactor(target.publishedAt, this.docs.publishedAt(slot), this.settings);
  }

  /** The cosine of the target's own term vector (no smoothing) with each slot's. */
  private directScores(target: QueryTarget, slots: number[]): Float64Array {
    const out = new Float64Array(slots.length);
    const { scratch, docs, stats, settings } = this;
    const { vector } = baseVector(target.terms, stats, settings, 0);
    scratch.clear();
    scratch.load(vector);
    const arena = docs.termArena();
    slots.forEach((slot, i) => {
      const from = docs.termOffset(slot);
      out[i] = cosineWithLoaded(arena, from, from + docs.termCount(slot), docs.length(slot), this.normOf(slot), stats, settings, scratch);
    });
    scratch.clear();
    return out;
  }

  /**
   * Which scored slots are of the target's story. An indexed article's story is its story in the
   * graph, and every member not scored yet is added to `scored` (a story's articles always
   * compete); a draft's is found as a save would find it: same-story cosine, close in time.
   */
  private storyTest(indexed: boolean, target: QueryTarget, scored: Array<{ slot: number; score: number }>, blocked: ReadonlySet<string>): (slot: number, direct: number) => boolean {
    if (!this.storiesOn) return () => false;
    const self = target.slot;
    if (!indexed || self === undefined) {
      return (slot, direct) => direct >= this.settings.stories.threshold && this.withinStoryGap(target.publishedAt, this.docs.publishedAt(slot));
    }
    const seen = new Set(scored.map(({ slot }) => slot));
    this.scratch.clear();
    this.scratch.load(target.vector);
    for (const slot of this.stories.members(self)) {
      if (slot !== self && !seen.has(slot) && !blocked.has(this.docs.idOf(slot) as string)) scored.push({ slot, score: this.exactScore(target, slot) });
    }
    this.scratch.clear();
    const own = this.stories.rootOf(self);
    return (slot) => this.stories.rootOf(slot) === own;
  }

  related(input: string | ArticleProfile, options: RelatedOptions): RelatedLink[] {
    const limit = options.limit ?? this.settings.listSize;
    if (options.hideRelated || limit <= 0) return [];
    const target = this.target(input);
    if (!target) return [];
    const excluded = new Set(options.exclude ?? []);
    const pinnedIds = options.pinned ?? [];
    const scored = this.score(target, Math.max(this.settings.candidates, limit), true, [...excluded, ...pinnedIds]);
    const candidateOf = (slot: number, score: number): Candidate => {
      const id = this.docs.idOf(slot) as string;
      return {
        id,
        score,
        section: this.docs.section(slot),
        neverListElsewhere: this.docs.neverListElsewhere(slot),
        eligible: options.isEligible ? options.isEligible(id) : true,
      };
    };
    // Only the best by score can fill the list: the own-word cosine is computed for them alone
    // (and the story's members, which always compete).
    scored.sort((a, b) => b.score - a.score || this.byId(a.slot, b.slot));
    scored.length = Math.min(scored.length, CONTENDERS_PER_LINK * limit);
    const inStory = this.storyTest(typeof input === 'string', target, scored, new Set([...excluded, ...pinnedIds]));
    const notInStory = new Set(options.notInStory ?? []);
    const direct = this.directScores(target, scored.map(({ slot }) => slot));
    const { directWeight } = this.settings.stories;
    // The head of a list is ranked mostly by the two articles' own words, the rest by their
    // smoothed profiles: the same story first, the same subject after.
    const candidates = scored.map(({ slot, score }, i): Candidate => {
      const candidate = candidateOf(slot, score);
      const recency = recencyFactor(target.publishedAt, this.docs.publishedAt(slot), this.settings);
      const sameStory = !notInStory.has(candidate.id) && inStory(slot, direct[i]);
      // Sharing next to none of the article's own words, a link is there by smoothing alone.
      const eligible = candidate.eligible !== false && (sameStory || direct[i] >= this.settings.cutoff.direct);
      return { ...candidate, eligible, headScore: (1 - directWeight) * score + directWeight * direct[i] * recency, sameStory };
    });
    const pins: Candidate[] = [];
    if (pinnedIds.length > 0) {
      this.scratch.clear();
      this.scratch.load(target.vector);
      for (const id of pinnedIds) {
        const slot = this.docs.slotOf(id);
        if (slot !== undefined) pins.push(candidateOf(slot, this.exactScore(target, slot)));
      }
      this.scratch.clear();
    }
    const selected = selectRelated(candidates, pins, {
      self: target.id,
      limit,
      minScore: options.minScore ?? this.settings.minScore,
      relativeCutoff: this.settings.cutoff.relative,
      head: this.settings.stories.head,
      maxPerSection: this.settings.diversity.maxPerSection,
      backfill: this.settings.diversity.backfill,
      excluded,
    });
    const reasonsFor = reasonsFrom(target.terms, this.settings.reasons, this.stats, this.settings, this.displayOf, this.reasonScratch);
    return selected.map((link) => {
      const reasons = reasonsFor(this.docs.termsOf(this.docs.slotOf(link.id) as number));
      const base: RelatedLink = { id: link.id, score: roundScore(link.score), reasons };
      if (link.pinned) base.pinned = true;
      if (link.sameStory) base.sameStory = true;
      return base;
    });
  }

  affectedBy(id: string, options: AffectedOptions): string[] {
    const out = new Set<string>();
    for (const other of options.listedIn ?? []) if (other !== id) out.add(other);
    const target = this.target(id);
    if (!target || target.slot === undefined || this.docs.neverListElsewhere(target.slot)) return [...out];
    const { fanout, pool } = this.settings.neighbours;
    const scored = this.score(target, Math.max(pool, fanout), false, []);
    scored.forEach(({ slot, score }, rank) => {
      if (score < this.settings.minScore) return;
      const other = this.docs.idOf(slot) as string;
      if (rank < fanout) out.add(other);
      else {
        const kth = options.kthScore?.(other);
        if (kth !== undefined && score >= kth) out.add(other);
      }
    });
    return [...out];
  }
}
