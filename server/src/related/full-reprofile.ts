import type { CorpusStats, TermDictionary } from './corpus-stats';
import type { DocumentStore } from './doc-store';
import type { LocaleParts } from './locale-parts';
import type { ProfilePostings } from './profile-postings';
import type { RelatedSettings } from './settings';
import type { ProfileSmoother } from './smoothing';
import type { StoryGraph } from './story-graph';
import { blockOutput, unpackProfiles, type ProfileBlock, type ProfileBlockOutput, type ProfileStageShare } from './profile-blocks';
import { baseVector, writeUnitWeights } from './term-weights';
import { SortInSteps } from './sort-in-steps';
import { releaseShared, sharedArray } from './typed-arrays';

/**
 * The stages of a full reprofile, in order; each goes over every document, then hands over:
 * - `order`: the terms in use are sorted by their text, a slice per step; then they are
 *   renumbered in that order (`canonicalize`).
 * - `remap`: each document's terms take their new ids; then the term arena is
 *   compacted, so that the unit weights take no more room than the terms in use.
 * - `terms`: each document's term vector, pruned to `profileTerms`, is appended to a new index;
 *   its unit term weights are written beside its terms (`unit`); its profile is dropped.
 * - `sort-terms`: that index's lists are sorted, a few per step.
 * - `ranks`: the documents' ids are sorted, a slice per step, for the ranks that order equal
 *   scores on a helper thread (`LocaleParts.rankSlots`).
 * - `profiles`: each document's neighbours are found in that index of term vectors and compared by
 *   dot products of unit weights; its profile is stored and its story edges added.
 * - `profiles-index`: a new index (the previous one dropped: one is alive at a time) is filled
 *   with the profiles.
 * - `sort-profiles`: its lists are sorted; then the pass is over.
 */
type Stage = 'order' | 'remap' | 'terms' | 'sort-terms' | 'ranks' | 'profiles' | 'profiles-index' | 'sort-profiles';

/** Documents the `remap` stage renumbers per unit of a step's budget. */
const REMAPS_PER_DOCUMENT = 20;
/** Strings the `order` and `ranks` stages sort per unit of a step's budget (20,000 in about 15 ms). */
const SORTED_PER_DOCUMENT = 100;

/** Numbers the passes of this process, so that a helper's late result finds no other pass. */
let passes = 0;

/** A block of the `profiles` stage a helper thread computes, where it writes it, and whether it did. */
interface Claim {
  from: number;
  to: number;
  out: ProfileBlockOutput;
  done: boolean;
}

/**
 * Every profile of a locale recomputed with the current statistics, in steps a caller may spread
 * over event-loop turns. What must hold:
 * - While the pass is under way nothing else reads or changes the documents, the statistics or
 *   the index: every update and query first finishes it (`unit` is parallel to the term arena,
 *   and the index's lists are unsorted between the appends and the sorts).
 * - Until `profiles-index` the index holds pruned term vectors and no profile: each profile is
 *   computed against those, never against another document's new profile, so the step budgets
 *   change no result.
 * - With the terms first renumbered by their text (`canonicalize`), the pass gives the profiles
 *   and lists a fresh index of the same documents gives (a rebuild), on every instance.
 * - The `profiles` stage may be shared with a helper thread (`claim`, `accept`): its blocks are
 *   applied in slot order, so the result is the same whoever computed them. The term arena, the
 *   unit weights and the index of term vectors are over shared memory for that.
 */
export class FullReprofile {
  private stage: Stage = 'order';
  private at = 0;
  /** Every document's unit term weights, parallel to the terms arena (until profiles are done). */
  private unit: Float32Array | undefined;
  /** The documents of the pass, ascending. */
  readonly slots: Int32Array;
  private readonly settings: RelatedSettings;
  private readonly dictionary: TermDictionary;
  private readonly stats: CorpusStats;
  private readonly docs: DocumentStore;
  private readonly postings: ProfilePostings;
  private readonly slotRanks: () => Int32Array;
  /** The terms in use, sorted in the `order` stage. */
  private readonly termOrder: SortInSteps;
  /** Old term id → new id, for the `remap` stage (set at the end of `order`). */
  private newIds: Int32Array = new Int32Array(0);
  readonly pass = (passes += 1);
  /** The helper's blocks not yet applied, in slot order. */
  private claims: Claim[] = [];
  /** Where the last block given to the helper ends. */
  private claimedTo = 0;
  private share: ProfileStageShare | undefined;
  /** Outputs of blocks applied or taken back, for the next blocks. */
  private readonly outputs: ProfileBlockOutput[] = [];

  /**
   * Starts the pass: the previous index and every story edge go. The terms are renumbered at the
   * end of the `order` stage (`singletons`, by term id, follows; the documents' terms in `remap`).
   */
  constructor(
    private readonly parts: LocaleParts,
    private readonly smoother: ProfileSmoother,
    private readonly stories: StoryGraph,
    private readonly singletons: Map<number, number>,
  ) {
    this.settings = parts.settings;
    this.dictionary = parts.dictionary;
    this.stats = parts.stats;
    this.slotRanks = parts.slotRanks;
    this.docs = parts.docs;
    this.postings = parts.postings;
    this.postings.reset(true);
    // Every document finds its story mates again in the profiles stage.
    stories.clear();
    this.termOrder = new SortInSteps(termsInUse(parts));
    this.slots = Int32Array.from(this.docs.liveSlots());
  }

  /** Documents whose profile is still to be computed. */
  get unprofiled(): number {
    const { stage, slots, at } = this;
    return stage === 'profiles' ? slots.length - at : stage === 'profiles-index' || stage === 'sort-profiles' ? 0 : slots.length;
  }

  /** Advances the pass by about `budget` documents' worth; returns true when it is over. */
  step(budget: number): boolean {
    const { settings, docs, slots } = this;
    // Sorting lists takes a whole step: a document's worth is its profile's postings.
    const sortBudget = budget * settings.profileTerms;
    let left = budget;
    while (left > 0) {
      if (this.stage === 'order') {
        if (this.termOrder.step(budget * SORTED_PER_DOCUMENT)) {
          this.newIds = canonicalize(this.parts, this.singletons, this.termOrder.sorted);
          this.smoother.reserve(this.dictionary.size);
          this.stage = 'remap';
        }
        left = 0;
      } else if (this.stage === 'ranks') {
        if (this.parts.rankSlots(budget * SORTED_PER_DOCUMENT)) this.stage = 'profiles';
        left = 0;
      } else if (this.stage === 'remap') {
        // A document's terms are renumbered in a few microseconds: many per unit of budget.
        for (let n = 0; this.at < slots.length && n < budget * REMAPS_PER_DOCUMENT; this.at += 1, n += 1) docs.remapTermsOf(slots[this.at], this.newIds);
        left = 0;
        if (this.at === slots.length) {
          // Over shared memory, as the unit weights and the index of term vectors: a helper thread reads them.
          docs.trimTerms(true);
          this.unit = sharedArray(Float32Array, docs.termEntries);
          [this.stage, this.at] = ['terms', 0];
        }
      } else if (this.stage === 'terms') {
        const unit = this.unit as Float32Array;
        const arena = docs.termArena();
        const kept = settings.profileTerms;
        for (; this.at < slots.length && left > 0; this.at += 1, left -= 1) {
          const slot = slots[this.at];
          const from = docs.termOffset(slot);
          docs.setBaseNorm(slot, writeUnitWeights(arena, from, from + docs.termCount(slot), docs.length(slot), this.stats, settings, unit));
          const { vector } = baseVector(docs.termsOf(slot), this.stats, settings, kept);
          docs.setProfile(slot, undefined, 0);
          this.postings.index.append(slot, { ids: vector.ids.subarray(0, kept), weights: vector.weights.subarray(0, kept) });
        }
        if (this.at === slots.length) [this.stage, this.at] = ['sort-terms', 0];
      } else if (this.stage === 'sort-terms' || this.stage === 'sort-profiles') {
        const sorted = this.postings.index.sortSome(sortBudget);
        left = 0;
        if (sorted && this.stage === 'sort-profiles') {
          docs.trim();
          return true;
        }
        if (sorted) {
          // Every profile of the pass at once (at most `profileTerms` entries each): growing the
          // arena by half, copy after copy, set the pass's peak.
          docs.reserveProfiles(slots.length * settings.profileTerms);
          this.stage = 'ranks';
        }
      } else if (this.stage === 'profiles') {
        // Alone (an unbounded step: a caller that cannot wait), the helper's blocks are computed here.
        const alone = !Number.isFinite(budget);
        while (this.at < slots.length && left > 0) {
          const claim = this.claims[0];
          if (claim?.from === this.at) {
            if (claim.done) {
              this.apply(claim);
              this.at = claim.to;
              this.claims.shift();
              this.outputs.push(claim.out);
              continue;
            }
            if (!alone) return false;
            // Its output is not taken again: the helper may still be writing it.
            this.claims.shift();
          }
          const slot = slots[this.at];
          const { vector, mates } = this.smoother.profileFor(docs.termsOf(slot), slot, docs.publishedAt(slot), this.unit);
          docs.setProfile(slot, vector, slots.length);
          this.stories.addMates(slot, mates);
          this.at += 1;
          left -= 1;
        }
        if (this.at === slots.length) {
          this.releaseStage();
          // Over shared memory too: a rebuild's lists phase may find its lists' contenders on another thread.
          this.postings.reset(true);
          [this.stage, this.at] = ['profiles-index', 0];
          // The next stage's index is allocated in the next step: the caller may free this stage's arrays first.
          left = 0;
        }
      } else {
        if (this.at === 0) this.postings.index.reserve(this.termCounts());
        for (; this.at < slots.length && left > 0; this.at += 1, left -= 1) {
          const vector = docs.profile(slots[this.at]);
          if (vector) this.postings.index.append(slots[this.at], vector);
        }
        if (this.at === slots.length) this.stage = 'sort-profiles';
      }
    }
    return false;
  }

  /** Whether the `profiles` stage stands at a block the helper has not given back yet. */
  get waiting(): boolean {
    return this.stage === 'profiles' && this.claims[0]?.from === this.at && !this.claims[0].done;
  }

  /**
   * The next block of profiles for a helper thread, or undefined (not in the `profiles` stage, or
   * none left). Blocks alternate with blocks this thread computes, each of `size` slots.
   */
  claim(size: number): { share: ProfileStageShare; block: ProfileBlock } | undefined {
    if (this.stage !== 'profiles') return undefined;
    const from = Math.max(this.claimedTo, this.at) + size;
    if (from >= this.slots.length) return undefined;
    const to = Math.min(this.slots.length, from + size);
    const free = this.outputs.findIndex((out) => out.sizes.length >= 2 * (to - from));
    const out = free >= 0 ? this.outputs.splice(free, 1)[0] : blockOutput(size, this.settings);
    this.claims.push({ from, to, out, done: false });
    this.claimedTo = to;
    this.share ??= this.shareStage();
    return { share: this.share, block: { pass: this.pass, from, slots: this.slots.slice(from, to), out } };
  }

  /** The helper wrote the block starting at `from`: applied when the stage reaches it (ignored if not this pass's, or not awaited). */
  accept(pass: number, from: number): void {
    if (pass !== this.pass) return;
    const claim = this.claims.find((waiting) => waiting.from === from);
    if (claim) claim.done = true;
  }

  /** The helper is gone: the blocks it has not written are computed here. */
  release(): void {
    this.claims = this.claims.filter(({ done }) => done);
  }

  /** Lets go of what only the `profiles` stage reads: the unit weights, the helper's share and outputs (the index of term vectors goes next). */
  private releaseStage(): void {
    releaseShared(this.unit);
    this.unit = undefined;
    const terms = this.share?.terms;
    for (const copy of [terms?.offsets, terms?.counts, terms?.lengths, terms?.published]) releaseShared(copy);
    this.share = undefined;
    for (const out of [...this.outputs, ...this.claims.map((claim) => claim.out)]) for (const array of Object.values(out)) releaseShared(array);
    this.outputs.length = 0;
  }

  private apply({ from, to, out }: Claim): void {
    const { docs, slots } = this;
    let at = from;
    for (const { vector, mates } of unpackProfiles(out, to - from)) {
      docs.setProfile(slots[at], vector, slots.length);
      this.stories.addMates(slots[at], mates);
      at += 1;
    }
  }

  private shareStage(): ProfileStageShare {
    const { docs, settings, stats } = this;
    return {
      pass: this.pass,
      settings,
      terms: docs.sharedTerms(),
      unit: this.unit as Float32Array,
      lists: this.postings.index.share(),
      idf: stats.idfTable(settings.minDocFreq),
      averageLength: stats.averageLength,
      ranks: this.slotRanks(),
      termIds: this.dictionary.size,
    };
  }

  /** How many of the pass's documents' profiles hold each term. */
  private termCounts(): Int32Array {
    const counts = new Int32Array(this.dictionary.size);
    const { ids } = this.docs.profileArena();
    for (const slot of this.slots) {
      const from = this.docs.profileOffset(slot);
      const to = from + this.docs.profileCount(slot);
      for (let i = from; i < to; i += 1) counts[ids[i]] += 1;
    }
    return counts;
  }
}

/** The text of every term some document holds, for `canonicalize`. */
const termsInUse = ({ dictionary, stats }: Pick<LocaleParts, 'dictionary' | 'stats'>): string[] => {
  const texts: string[] = [];
  for (let id = 0; id < dictionary.size; id += 1) if (stats.docFreq(id) > 0) texts.push(dictionary.term(id));
  return texts;
};

/**
 * Renumbers the terms in the order of their text (`sorted`, by UTF-16 code units), forgetting
 * those no document holds; answers old id → new id, which the documents' terms must then be mapped through.
 * Sums run over terms in id order, so after this a full pass computes every profile with the
 * same floating-point operations on every instance, whatever order it met the terms in: equal
 * documents give bit-for-bit equal profiles and lists. Stored profiles are stale afterwards
 * (they hold old ids): only a full pass, which recomputes them all, may call it.
 */
const canonicalize = (
  { dictionary, stats, displays }: Pick<LocaleParts, 'dictionary' | 'stats' | 'displays'>,
  singletons: Map<number, number>,
  sorted: string[],
): Int32Array => {
  const kept = sorted.map((term) => dictionary.idOf(term) as number);
  const map = dictionary.renumber(kept);
  stats.remap(map, kept.length);
  displays.remap(map);
  const renumbered = [...singletons].filter(([old]) => map[old] >= 0);
  singletons.clear();
  for (const [old, slot] of renumbered) singletons.set(map[old], slot);
  return map;
};
