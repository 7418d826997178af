import { TAG_PREFIX } from './analyze';
import type { AffectedOptions, RelatedLink, RelatedOptions } from './api-types';
import { CandidateAccumulator } from './candidate-accumulator';
import { CorpusStats, TermDictionary } from './corpus-stats';
import { DisplayForms } from './display-forms';
import { DocumentStore, storedForm } from './doc-store';
import { FullReprofile } from './full-reprofile';
import { ListQueries } from './list-queries';
import type { LocaleParts } from './locale-parts';
import { LocaleStories } from './locale-stories';
import { indexedTerms, restoreVector, storeVector, type ArticleProfile } from './profile';
import type { ListScoringShare, ListTarget } from './list-contenders';
import type { ProfileBlock, ProfileStageShare } from './profile-blocks';
import { ProfilePostings } from './profile-postings';
import type { RelatedSettings } from './settings';
import { ProfileSmoother } from './smoothing';
import { SortInSteps } from './sort-in-steps';
import { releaseShared, sharedArray } from './typed-arrays';
import { DenseScratch } from './vector';

/** Documents whose story `flushStep` names for each profile of its budget. */
const STORY_NODES_PER_PROFILE = 50;

/**
 * The index of one locale: its term dictionary and statistics, its documents, their smoothed
 * profiles and the inverted index over them, and their stories. Documents of different locales
 * never meet.
 *
 * Profiles are computed lazily, by `flush`/`flushStep` and before anything reads them: one by one
 * for the documents saved since (`pending`), or all together in a full reprofile (`job`) after a
 * bulk load, once the corpus has grown by `reprofileGrowth`, or after `invalidateProfiles`. With
 * no pass under way, pending documents, restored ones and one deferred re-save may coexist (see
 * `ProfilePostings`). A pass starts with none of them and runs alone: every update first finishes
 * it, every query first computes all that is pending (only `invalidateProfiles` may add pending
 * documents meanwhile: they are computed after it).
 */
export class LocaleIndex {
  private readonly dictionary = new TermDictionary();
  private readonly stats = new CorpusStats();
  private readonly docs = new DocumentStore();
  private readonly displays = new DisplayForms();
  private readonly accumulator = new CandidateAccumulator();
  private readonly postings: ProfilePostings;
  private readonly parts: LocaleParts;
  private readonly smoother: ProfileSmoother;
  private readonly stories: LocaleStories;
  private readonly queries: ListQueries;
  /** Terms held by exactly one document → that document's slot. */
  private readonly singletons = new Map<number, number>();
  /** Documents whose profile is to be computed. */
  private readonly pending = new Set<number>();
  /** Ids whose stored vector is out of date: their profile or their story edges changed. */
  private readonly changed = new Set<string>();
  private job: FullReprofile | undefined;
  /** Corpus size at the last full profile pass (or of the oldest restored vector); 0 = never. */
  private builtAt = 0;
  /** Counts changes of what a list's contenders are found from: documents, profiles, the index. */
  private generation = 0;
  /** Counts changes of which document holds which slot (the ranks of a share follow them). */
  private slotsChanged = 0;
  private ranks: { at: number; ranks: Int32Array } | undefined;
  /** The ranks being sorted in steps (`rankSlots`), for this count of slot changes. */
  private ranking: { at: number; sort: SortInSteps } | undefined;
  private share: ListScoringShare | undefined;

  constructor(private readonly settings: RelatedSettings) {
    this.postings = new ProfilePostings(this.docs, settings.postings.capacity);
    this.parts = {
      settings,
      dictionary: this.dictionary,
      stats: this.stats,
      docs: this.docs,
      displays: this.displays,
      postings: this.postings,
      accumulator: this.accumulator,
      scratch: new DenseScratch(),
      byId: this.byId,
      slotRanks: () => this.slotRanks(),
      rankSlots: (budget) => this.rankSlots(budget),
    };
    this.smoother = new ProfileSmoother(this.parts);
    this.stories = new LocaleStories(this.docs, settings, this.changed, this.byId);
    this.queries = new ListQueries(
      this.parts,
      this.smoother,
      this.stories.graph,
      () => this.ready(),
      () => this.generation,
    );
  }

  get size(): number {
    return this.docs.size;
  }

  /** Documents whose profile is still to be computed. */
  get pendingCount(): number {
    return this.pending.size + (this.job?.unprofiled ?? 0);
  }

  get termCount(): number {
    return this.dictionary.size;
  }

  get postingCount(): number {
    this.postings.settle();
    return this.postings.index.size;
  }

  get bytes(): number {
    this.postings.settle();
    return this.docs.bytes + this.postings.index.bytes + this.displays.bytes + this.stories.graph.bytes;
  }

  has(id: string): boolean {
    return this.docs.slotOf(id) !== undefined;
  }

  /**
   * Orders equal scores by document id, not by slot: slots depend on the order documents came in,
   * so two indexes of the same documents give the same lists.
   */
  private byId = (a: number, b: number): number => {
    const idA = this.docs.idOf(a) ?? '';
    const idB = this.docs.idOf(b) ?? '';
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };

  upsert(profile: ArticleProfile): void {
    this.finishFullReprofile();
    this.postings.settle();
    this.generation += 1;
    const restoring = profile.vector !== undefined;
    const before = this.docs.slotOf(profile.id);
    const indexed = before === undefined || restoring || this.postings.isRestored(before) ? undefined : this.docs.profile(before);
    // Copied: the arena reuses the space of a removed document.
    const old = indexed && { ids: indexed.ids.slice(), weights: indexed.weights.slice() };
    this.forget(profile.id, old !== undefined);
    const { ids, tf, surfaces } = indexedTerms(profile, this.dictionary);
    const length = Number.isFinite(profile.length) && profile.length > 0 ? profile.length : tf.reduce((a, b) => a + b, 0);
    const slot = this.docs.insert(profile.id, ids, tf, length, {
      section: profile.section ?? null,
      publishedAt: typeof profile.publishedAt === 'number' && Number.isFinite(profile.publishedAt) ? profile.publishedAt : null,
      neverListElsewhere: profile.neverListElsewhere === true,
    });
    this.accumulator.setIneligible(slot, profile.neverListElsewhere === true);
    if (slot !== before) this.slotsChanged += 1;
    // Removed slots are reused last-in first-out: the document is back in its own.
    if (old && before !== undefined) this.postings.resaved(before, slot, old);
    for (const id of this.stats.addDocument(ids, length)) {
      // A term this document shares with exactly one other: that one's profile could not use it.
      // (Not when restoring stored vectors: they were computed with the whole corpus.)
      const holder = this.singletons.get(id);
      this.singletons.delete(id);
      if (!restoring && holder !== undefined && holder !== slot && this.docs.isProfiled(holder)) this.pending.add(holder);
    }
    for (let i = 0; i < ids.length; i += 1) if (this.stats.docFreq(ids[i]) === 1) this.singletons.set(ids[i], slot);
    this.displays.add(slot, ids, surfaces);
    const restored = restoreVector(profile.vector, this.dictionary);
    if (restored) {
      this.stories.restore(slot, profile.vector?.mates ?? []);
      this.postings.restored(slot);
      const at = Math.max(1, profile.vector?.corpusSize ?? 1);
      this.docs.setProfile(slot, restored, at);
      this.builtAt = this.builtAt === 0 ? at : Math.min(this.builtAt, at);
    } else this.pending.add(slot);
  }

  remove(id: string): boolean {
    return this.forget(id, false);
  }

  /** Forgets a document; with `keepPostings` its postings stay in the index for the caller. */
  private forget(id: string, keepPostings: boolean): boolean {
    this.finishFullReprofile();
    this.postings.settle();
    this.generation += 1;
    const slot = this.docs.slotOf(id);
    if (slot === undefined) return false;
    this.postings.forget(slot, this.docs.profile(slot), keepPostings);
    const terms = this.docs.termsOf(slot);
    this.stats.removeDocument(terms.ids, terms.length);
    this.displays.remove(slot, terms.ids);
    for (let i = 0; i < terms.ids.length; i += 1) {
      const term = terms.ids[i];
      if (this.stats.docFreq(term) === 0 && this.singletons.get(term) === slot) this.singletons.delete(term);
    }
    this.pending.delete(slot);
    this.changed.delete(id);
    this.stories.forget(slot, id);
    this.accumulator.setIneligible(slot, false);
    this.docs.delete(slot);
    return true;
  }

  /** Computes the profiles of documents added or touched since the last call. */
  flush(): void {
    while (!this.flushStep(Number.POSITIVE_INFINITY));
  }

  /**
   * Does about `maxDocs` documents' worth of pending profile work (at least one), then of naming
   * stories; returns true when none is left. Lets a caller spread a full reprofile over many
   * event-loop turns: queries and updates in between first finish it (`flush`).
   */
  flushStep(maxDocs: number): boolean {
    const budget = Math.max(1, maxDocs);
    // Stories are named in steps of their own once every profile is computed.
    if (this.job || this.pending.size > 0 || this.postings.restoredCount > 0) {
      this.generation += 1;
      return this.profileStep(budget) && this.stories.settled;
    }
    // Naming a document's story costs about a fiftieth of computing its profile.
    return this.stories.settleSome(budget * STORY_NODES_PER_PROFILE);
  }

  private profileStep(budget: number): boolean {
    if (this.job) return this.advance(this.job, budget);
    if (this.postings.restoredCount > 0) this.postings.indexRestored();
    if (this.pending.size === 0) return true;
    if (this.fullPassDue) {
      this.pending.clear();
      this.job = new FullReprofile(this.parts, this.smoother, this.stories.graph, this.singletons);
      return this.advance(this.job, budget);
    }
    const slots = [...this.pending].sort((a, b) => a - b);
    for (let i = 0; i < slots.length && i < budget; i += 1) {
      this.reprofile(slots[i]);
      this.pending.delete(slots[i]);
    }
    return this.pending.size === 0;
  }

  /** Advances the full reprofile under way; true when it is over and nothing else is pending. */
  private advance(job: FullReprofile, budget: number): boolean {
    if (!job.step(budget)) return false;
    for (const slot of job.slots) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.changed.add(id);
    }
    this.builtAt = Math.max(1, job.slots.length);
    this.job = undefined;
    return this.pending.size === 0 && this.postings.restoredCount === 0;
  }

  /**
   * Whether the next query recomputes every profile (a full reprofile, under way or due: a first
   * build, a corpus grown by `reprofileGrowth`, or a quarter of it pending) rather than the few
   * saved since.
   */
  get fullPassDue(): boolean {
    if (this.job) return true;
    if (this.pending.size === 0) return false;
    const live = this.docs.size;
    const growth = this.settings.reprofileGrowth;
    return this.builtAt === 0 || (growth > 0 && live >= growth * this.builtAt) || this.pending.size > Math.max(64, live / 4);
  }

  /** A block of the full reprofile's profiles for a helper thread (see `FullReprofile.claim`). */
  claimProfiles(size: number): { share: ProfileStageShare; block: ProfileBlock } | undefined {
    return this.job?.claim(size);
  }

  /** The helper wrote a block of profiles of this pass (see `FullReprofile.accept`). */
  acceptProfiles(pass: number, from: number): void {
    this.job?.accept(pass, from);
  }

  /** The helper is gone: its blocks are computed here. */
  releaseProfiles(): void {
    this.job?.release();
  }

  /** Whether `flushStep` stands waiting for a helper's block. */
  get waitingForHelper(): boolean {
    return this.job?.waiting ?? false;
  }

  /** Finishes a full reprofile under way (before anything changes the index). */
  private finishFullReprofile(): void {
    while (this.job) this.advance(this.job, Number.POSITIVE_INFINITY);
  }

  /**
   * Marks every profile for recomputation with the current statistics: the next flush recomputes
   * them all in one pass, exactly as a fresh index of the same documents would.
   */
  invalidateProfiles(): void {
    for (const slot of this.docs.liveSlots()) this.pending.add(slot);
    this.builtAt = 0;
  }

  private reprofile(slot: number): void {
    const { vector: computed, norm, mates } = this.smoother.profileFor(this.docs.termsOf(slot), slot, this.docs.publishedAt(slot));
    const vector = storedForm(computed);
    this.docs.setBaseNorm(slot, norm);
    this.postings.put(slot, vector);
    this.docs.setProfile(slot, vector, this.docs.size);
    const id = this.docs.idOf(slot);
    if (id !== undefined) this.changed.add(id);
    this.stories.relink(slot, mates);
  }

  /** Before a read: every pending profile computed, the stories named. */
  private ready(): void {
    this.flush();
    this.stories.settle();
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
    const vector = slot === undefined ? undefined : this.docs.profileCodes(slot);
    if (slot === undefined || !vector) return undefined;
    return storeVector(vector, (term) => this.dictionary.term(term), this.docs.profiledAtSize(slot), this.stories.matesToStore(slot));
  }

  /** The story of a document: named after its earliest article (itself when it stands alone). */
  storyOf(id: string): string | undefined {
    this.ready();
    const slot = this.docs.slotOf(id);
    return slot === undefined ? undefined : this.stories.storyOf(slot);
  }

  /** The documents of a document's story, itself included, earliest first. */
  storyMembers(id: string): string[] {
    this.ready();
    const slot = this.docs.slotOf(id);
    return slot === undefined ? [] : this.stories.members(slot);
  }

  /** Documents whose story (its name or its members) changed since the last call. */
  takeStoryChanges(): string[] {
    this.ready();
    return this.stories.takeChanges();
  }

  related(input: string | ArticleProfile, options: RelatedOptions): RelatedLink[] {
    return this.queries.related(input, options);
  }

  /**
   * What a helper thread needs to find lists' contenders in this index as it stands (every
   * pending profile computed first); undefined when the index is not over shared memory (no full
   * reprofile built it yet). The same object while nothing changes.
   */
  listScoringShare(locale: string): ListScoringShare | undefined {
    this.ready();
    this.postings.settle();
    if (this.share?.generation === this.generation) return this.share;
    this.releaseShare();
    const index = this.postings.index;
    const profiles = this.docs.sharedProfiles();
    if (!index.isShared || !profiles) return undefined;
    this.share = {
      locale,
      generation: this.generation,
      settings: this.settings,
      lists: index.share(),
      profiles,
      published: this.docs.sharedDates(),
      ineligible: this.accumulator.sharedIneligible(),
      ranks: this.slotRanks(),
      capacity: this.docs.capacity,
    };
    return this.share;
  }

  /** Lets go of the last share's copies and of the ranks (the helper is done). */
  releaseListScoring(): void {
    this.releaseShare();
    releaseShared(this.ranks?.ranks);
    this.ranks = undefined;
  }

  /** Lets go of the last share's copies (its ranks are kept while slots keep their documents). */
  private releaseShare(): void {
    const share = this.share;
    this.share = undefined;
    if (!share) return;
    for (const copy of [share.profiles.offsets, share.profiles.counts, share.published, share.ineligible]) releaseShared(copy);
  }

  /** See `LocaleParts.slotRanks`. */
  private slotRanks(): Int32Array {
    while (!this.rankSlots(Number.POSITIVE_INFINITY));
    return (this.ranks as { ranks: Int32Array }).ranks;
  }

  /** See `LocaleParts.rankSlots`. */
  private rankSlots(budget: number): boolean {
    if (this.ranks?.at === this.slotsChanged && this.ranks.ranks.length >= this.docs.capacity) return true;
    if (this.ranking?.at !== this.slotsChanged) {
      // The default order compares UTF-16 code units, as `byId` does; a million ids took
      // 1.1–1.4 s in one sort, on the thread that answers requests.
      const ids = Array.from(this.docs.liveSlots(), (slot) => this.docs.idOf(slot) as string);
      this.ranking = { at: this.slotsChanged, sort: new SortInSteps(ids) };
    }
    if (!this.ranking.sort.step(budget)) return false;
    releaseShared(this.ranks?.ranks);
    const ranks = sharedArray(Int32Array, this.docs.capacity);
    this.ranking.sort.sorted.forEach((id, rank) => {
      ranks[this.docs.slotOf(id) as number] = rank;
    });
    this.ranks = { at: this.slotsChanged, ranks };
    this.ranking = undefined;
    return true;
  }

  /**
   * The list of an indexed document as a helper finds its contenders (`ListTarget`), with the
   * options `related` will be given; undefined when it gets no list or is not indexed.
   */
  listTarget(id: string, locale: string, options: RelatedOptions): ListTarget | undefined {
    this.ready();
    const limit = options.limit ?? this.settings.listSize;
    const slot = this.docs.slotOf(id);
    if (options.hideRelated || limit <= 0 || slot === undefined || !this.docs.isProfiled(slot)) return undefined;
    const blocked = this.docs.slotsOf([...(options.exclude ?? []), ...(options.pinned ?? [])]);
    return { locale, generation: this.generation, slot, limit, blocked };
  }

  affectedBy(id: string, options: AffectedOptions): string[] {
    return this.queries.affectedBy(id, options);
  }
}
