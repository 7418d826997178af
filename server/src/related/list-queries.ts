import type { AffectedOptions, RelatedLink, RelatedOptions } from './api-types';
import type { CorpusStats, TermDictionary } from './corpus-stats';
import type { DisplayForms } from './display-forms';
import type { DocumentStore } from './doc-store';
import { byScore, contendersOf, exactScore, listPool, scoreCandidates, type ContenderSource, type Scored } from './list-contenders';
import type { LocaleParts } from './locale-parts';
import { storiesOn, withinStoryGap } from './locale-stories';
import { indexedTerms, type ArticleProfile } from './profile';
import type { ProfilePostings } from './profile-postings';
import { reasonsFrom } from './reasons';
import { recencyFactor, roundScore } from './score';
import { selectRelated, type Candidate } from './select';
import type { RelatedSettings } from './settings';
import type { ProfileSmoother } from './smoothing';
import type { StoryGraph } from './story-graph';
import { baseVector, cosineWithLoaded, type DocTerms } from './term-weights';
import { DenseScratch, type SparseVector } from './vector';

type QueryTarget = { slot: number | undefined; id: string; vector: SparseVector; terms: DocTerms; publishedAt: number | null };

/**
 * The queries of one locale's index: a document's related list, and the documents whose lists a
 * save may change. Each first brings the index up to date (`ready`: every pending profile
 * computed, the stories named), so that it answers as a complete flush would.
 */
export class ListQueries {
  private readonly settings: RelatedSettings;
  private readonly dictionary: TermDictionary;
  private readonly stats: CorpusStats;
  private readonly docs: DocumentStore;
  private readonly displays: DisplayForms;
  private readonly postings: ProfilePostings;
  private readonly scratch: DenseScratch;
  private readonly byId: (a: number, b: number) => number;
  private readonly reasonScratch = new DenseScratch();
  private readonly source: ContenderSource;

  /** `generation` names the state of the index contenders found elsewhere must have been found for. */
  constructor(
    parts: LocaleParts,
    private readonly smoother: ProfileSmoother,
    private readonly stories: StoryGraph,
    private readonly ready: () => void,
    private readonly generation: () => number,
  ) {
    this.settings = parts.settings;
    this.dictionary = parts.dictionary;
    this.stats = parts.stats;
    this.docs = parts.docs;
    this.displays = parts.displays;
    this.postings = parts.postings;
    this.scratch = parts.scratch;
    this.byId = parts.byId;
    const { docs, postings } = parts;
    this.source = {
      settings: parts.settings,
      // Replaced by a bulk build: read through `postings` each time.
      get index() {
        return postings.index;
      },
      accumulator: parts.accumulator,
      scratch: parts.scratch,
      get capacity() {
        return docs.capacity;
      },
      byId: parts.byId,
      profileArena: () => docs.profileArena(),
      profileOffset: (slot) => docs.profileOffset(slot),
      profileCount: (slot) => docs.profileCount(slot),
      publishedAt: (slot) => docs.publishedAt(slot),
    };
  }

  private displayOf = (id: number): string => this.displays.display(id) || this.dictionary.term(id);

  /** The query form of an indexed document, or of a document that is not (a draft). */
  private target(input: string | ArticleProfile): QueryTarget | undefined {
    this.ready();
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
    const { ids, tf } = indexedTerms(input, this.dictionary);
    const length = input.length > 0 ? input.length : tf.reduce((a, b) => a + b, 0);
    this.stats.addDocument(ids, length);
    const terms: DocTerms = { ids, tf, tfScale: 1, length };
    try {
      const { vector } = this.smoother.profileFor(terms, slot, input.publishedAt);
      return { slot, id: input.id, vector, terms, publishedAt: input.publishedAt };
    } finally {
      this.stats.removeDocument(ids, length);
    }
  }

  /** Exact scores of the best candidates for a target: best first, except for a list (`listing`). */
  private score(target: QueryTarget, pool: number, listing: boolean, blocked: Iterable<string>): Scored[] {
    this.postings.settleFor(target.slot);
    const slots = [...(target.slot === undefined ? [] : [target.slot]), ...this.docs.slotsOf(blocked)];
    const scored = scoreCandidates(this.source, target, pool, listing, slots);
    // A list's candidates are ordered by `contendersOf` (score, then id): sorted once, there.
    return listing ? scored : byScore(scored, this.byId);
  }

  /** Similarity × recency between the loaded target and a slot (`scratch` holds the target). */
  private exactScore(target: QueryTarget, slot: number): number {
    return exactScore(this.source, target.publishedAt, slot);
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
      out[i] = cosineWithLoaded(arena, from, from + docs.termCount(slot), docs.length(slot), this.smoother.normOf(slot), stats, settings, scratch);
    });
    scratch.clear();
    return out;
  }

  /**
   * Which scored slots are of the target's story. An indexed article's story is its story in the
   * graph, and every member not scored yet is added to `scored` (a story's articles always
   * compete); a draft's is found as a save would find it: same-story cosine, close in time.
   */
  private storyTest(
    indexed: boolean,
    target: QueryTarget,
    scored: Array<{ slot: number; score: number }>,
    blocked: ReadonlySet<string>,
  ): (slot: number, direct: number) => boolean {
    if (!storiesOn(this.settings)) return () => false;
    const self = target.slot;
    if (!indexed || self === undefined) {
      return (slot, direct) => direct >= this.settings.stories.threshold && withinStoryGap(target.publishedAt, this.docs.publishedAt(slot), this.settings);
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
    const given = options.contenders;
    // Found by a helper thread for this state of the index, or here.
    const scored =
      given && typeof input === 'string' && given.generation === this.generation()
        ? Array.from(given.slots, (slot, i) => ({ slot, score: given.scores[i] }))
        : contendersOf(this.score(target, listPool(this.settings, limit), true, [...excluded, ...pinnedIds]), limit, this.byId);
    // Every candidate in one literal of one shape, pins too: copying one into another with more
    // fields made objects V8 reads slowly, in the selection's every comparison.
    const candidateOf = (slot: number, score: number, id: string, eligible: boolean, sameStory: boolean, headScore: number): Candidate => ({
      id,
      score,
      section: this.docs.section(slot),
      neverListElsewhere: this.docs.neverListElsewhere(slot),
      eligible,
      sameStory,
      headScore,
    });
    const isEligible = (id: string): boolean => (options.isEligible ? options.isEligible(id) : true);
    // Only the contenders can fill the list: the own-word cosine is computed for them alone (and
    // the story's members, which always compete).
    const inStory = this.storyTest(typeof input === 'string', target, scored, new Set([...excluded, ...pinnedIds]));
    const notInStory = new Set(options.notInStory ?? []);
    const direct = this.directScores(
      target,
      scored.map(({ slot }) => slot),
    );
    const { directWeight } = this.settings.stories;
    // The head of a list is ranked mostly by the two articles' own words, the rest by their
    // smoothed profiles: the same story first, the same subject after.
    const candidates = scored.map(({ slot, score }, i): Candidate => {
      const id = this.docs.idOf(slot) as string;
      const recency = recencyFactor(target.publishedAt, this.docs.publishedAt(slot), this.settings);
      const sameStory = !notInStory.has(id) && inStory(slot, direct[i]);
      // Sharing next to none of the article's own words, a link is there by smoothing alone.
      const eligible = isEligible(id) && (sameStory || direct[i] >= this.settings.cutoff.direct);
      return candidateOf(slot, score, id, eligible, sameStory, (1 - directWeight) * score + directWeight * direct[i] * recency);
    });
    const pins: Candidate[] = [];
    if (pinnedIds.length > 0) {
      this.scratch.clear();
      this.scratch.load(target.vector);
      for (const id of pinnedIds) {
        const slot = this.docs.slotOf(id);
        if (slot !== undefined) {
          const score = this.exactScore(target, slot);
          pins.push(candidateOf(slot, score, id, isEligible(id), false, score));
        }
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
