import { analyzerSignature } from './analyze';
import { languageFor, resolveLanguage, STEM_PRIME_LIMIT } from './language';
import type { ListScoringShare, ListTarget } from './list-contenders';
import { LocaleIndex } from './locale-index';
import { DEFAULT_LOCALE, createProfile, isArticleProfile, type ArticleProfile, type IndexableArticle, type StoredVector } from './profile';
import type { ProfileBlock, ProfileStageShare } from './profile-blocks';
import { defaultRelatedSettings, type RelatedSettings } from './settings';
import type { AffectedOptions, EngineStats, RelatedLink, RelatedOptions } from './api-types';

export type { AffectedOptions, EngineStats, RelatedLink, RelatedOptions } from './api-types';

/**
 * The related-links engine: per-locale corpus statistics, smoothed document profiles and a pruned
 * inverted index, all in memory. Pure: no I/O, no Strapi, no clock.
 *
 * Model. Each article is analysed (`analyze`) into weighted term frequencies (title, dek, body,
 * tags, section name). Its term vector weighs each term by BM25 saturation × smoothed IDF, with
 * corpus statistics kept up to date as documents come and go. Its profile — what is indexed and
 * compared — is that vector plus the unit centroid of its nearest neighbours (document expansion),
 * pruned to the strongest `profileTerms` terms. A list is found by reading, for the profile's
 * `queryTerms` strongest terms, the `scan` highest-impact postings of each, rescoring the best
 * `candidates` exactly (cosine of profiles × recency factor), then applying the editorial rules
 * (`select.ts`). Each link carries its score and the key terms both articles share.
 *
 * Lifecycle.
 * - `upsert(analyze(article))` on every save of a published article, `remove(id)` when it leaves.
 *   Profiles are computed lazily: on the next `related`/`affectedBy`/`withVector`/`flush`, one at
 *   a time after a few saves, in one batch after a bulk load (or when the corpus has grown by
 *   `reprofileGrowth` since the last batch: plan for ~1 ms per article then). `flushStep(n)` does
 *   that batch n documents at a time, for callers that must keep the event loop free.
 * - Start-up: `upsertMany(stored)` with the stored profiles; those stored with `withVector` are
 *   restored as they are (no recomputation), the others are computed in one batch.
 * - Keep stored vectors current by persisting `withVector(profile)` for the ids
 *   `takeChangedVectors()` returns (optional: a missing or stale vector only costs start-up time).
 *
 * @example
 * const engine = createRelatedEngine(settings);
 * const profile = engine.analyze({ id: 'doc1:en', locale: 'en', title, dek, body, tags, section: '3', sectionName: 'World', publishedAt });
 * engine.upsert(profile);
 * const links = engine.related('doc1:en', { pinned, exclude, hideRelated });   // [{ id, score, reasons, pinned? }]
 * const refresh = engine.affectedBy('doc1:en', { listedIn, kthScore });       // other lists to recompute
 * store({ ...key, profile: engine.withVector(profile) });
 */
export class RelatedEngine {
  readonly settings: RelatedSettings;
  private readonly partitions = new Map<string, LocaleIndex>();

  constructor(settings: RelatedSettings = defaultRelatedSettings) {
    this.settings = settings;
  }

  private partition(locale: string): LocaleIndex {
    let partition = this.partitions.get(locale);
    if (!partition) {
      partition = new LocaleIndex(this.settings);
      this.partitions.set(locale, partition);
    }
    return partition;
  }

  /** Analyses an article into its storable profile (no change to the index). */
  analyze(article: IndexableArticle): ArticleProfile {
    return createProfile(article, this.settings);
  }

  /** Whether a stored profile was analysed with the current settings (else re-analyse it). */
  isCurrent(profile: ArticleProfile): boolean {
    return isArticleProfile(profile) && profile.analyzer === analyzerSignature(profile.language, this.settings);
  }

  private toProfile(input: ArticleProfile | IndexableArticle): ArticleProfile {
    if (isArticleProfile(input)) return input;
    if ('format' in input) throw new TypeError('related engine: not a valid article profile');
    return this.analyze(input);
  }

  /**
   * Adds or replaces a document. A profile with a stored `vector` is indexed as it is (fast
   * start-up); otherwise its vector is computed on the next query.
   */
  upsert(input: ArticleProfile | IndexableArticle): void {
    const profile = this.toProfile(input);
    const previous = this.localeOf(profile.id);
    if (previous !== undefined && previous !== profile.locale) this.partitions.get(previous)?.remove(profile.id);
    this.partition(profile.locale).upsert(profile);
  }

  /** Adds or replaces many documents (vectors are computed in one batch on the next query). */
  upsertMany(inputs: Iterable<ArticleProfile | IndexableArticle>): void {
    for (const input of inputs) this.upsert(input);
  }

  /** Removes a document; returns whether it was indexed. */
  remove(id: string): boolean {
    const locale = this.localeOf(id);
    return locale === undefined ? false : (this.partitions.get(locale)?.remove(id) ?? false);
  }

  has(id: string): boolean {
    return this.localeOf(id) !== undefined;
  }

  /** Documents indexed, all locales. */
  size(): number {
    let size = 0;
    for (const partition of this.partitions.values()) size += partition.size;
    return size;
  }

  /** Asked of each locale's index (a site has a few): a map of every id would cost more than its documents' ids. */
  localeOf(id: string): string | undefined {
    for (const [locale, partition] of this.partitions) if (partition.has(id)) return locale;
    return undefined;
  }

  /** Computes every pending profile vector now (they are otherwise computed on the next query). */
  flush(): void {
    for (const partition of this.partitions.values()) partition.flush();
  }

  /** Whether `flush` (or any query) would recompute every profile of some locale: a full reprofile is under way or due. */
  fullPassDue(): boolean {
    for (const partition of this.partitions.values()) if (partition.fullPassDue) return true;
    return false;
  }

  /**
   * Does about `maxDocs` documents' worth of pending profile work; returns true when none is left.
   * Call it between event-loop turns to spread a full reprofile (after a bulk load) instead of
   * `flush()` doing it in one go. A query or an update meanwhile finishes the work first, so results
   * are always those of a complete flush.
   */
  flushStep(maxDocs: number): boolean {
    for (const partition of this.partitions.values()) if (!partition.flushStep(maxDocs)) return false;
    return true;
  }

  /**
   * Work for a helper thread while `flushStep` runs a full reprofile: a block of `size` profiles
   * (with what the thread needs to compute them: `profileBlockComputer(share)`), or undefined when
   * there is none to give. Blocks alternate with those `flushStep` computes; it applies the
   * helper's (`acceptProfiles`) in order, and returns false without progress while it waits for
   * one (`waitingForHelper`). An unbounded step (`flush`, an update) waits for none: it computes
   * them itself. The profiles are the same whoever computes them.
   */
  claimProfiles(size: number): { share: ProfileStageShare; block: ProfileBlock } | undefined {
    for (const partition of this.partitions.values()) {
      const work = partition.claimProfiles(size);
      if (work) return work;
    }
    return undefined;
  }

  /** The helper wrote the block of `pass` starting at `from` (ignored once that pass is over). */
  acceptProfiles(pass: number, from: number): void {
    for (const partition of this.partitions.values()) partition.acceptProfiles(pass, from);
  }

  /** The helper is gone: the blocks it was given are computed by `flushStep`. */
  releaseProfiles(): void {
    for (const partition of this.partitions.values()) partition.releaseProfiles();
  }

  /** Whether `flushStep` stands waiting for a helper's block. */
  get waitingForHelper(): boolean {
    for (const partition of this.partitions.values()) if (partition.waitingForHelper) return true;
    return false;
  }

  /**
   * Recomputes every profile on the next query or flush, as a fresh index of the same documents
   * would (saves update profiles one at a time against statistics that drift meanwhile).
   */
  invalidateProfiles(): void {
    for (const partition of this.partitions.values()) partition.invalidateProfiles();
  }

  /**
   * The related list of an indexed document (by id), or of an article or profile that need not be
   * indexed (a draft: it is compared with the index as it stands, its own id never listed). Only
   * documents of the same locale are candidates.
   */
  related(target: string | ArticleProfile | IndexableArticle, options: RelatedOptions = {}): RelatedLink[] {
    if (typeof target === 'string') {
      const locale = this.localeOf(target);
      return locale === undefined ? [] : (this.partitions.get(locale)?.related(target, options) ?? []);
    }
    const profile = this.toProfile(target);
    return this.partition(profile.locale).related(profile, options);
  }

  /**
   * A list as a helper thread finds its contenders (`listContendersFinder`, from
   * `listScoringShare(target.locale)`); undefined when the document gets no list. Give `related`
   * the same options, and the contenders found.
   */
  listTarget(id: string, options: RelatedOptions = {}): ListTarget | undefined {
    const locale = this.localeOf(id);
    return locale === undefined ? undefined : this.partitions.get(locale)?.listTarget(id, locale, options);
  }

  /**
   * What a helper thread finds a locale's lists' contenders from, over shared memory, while the
   * index stays as it is (its `generation`); undefined when it cannot be shared.
   */
  listScoringShare(locale: string): ListScoringShare | undefined {
    return this.partitions.get(locale)?.listScoringShare(locale);
  }

  /** Lets go of the copies the last shares made (the helper is done). */
  releaseListScoring(): void {
    for (const partition of this.partitions.values()) partition.releaseListScoring();
  }

  /**
   * The documents whose lists a save of `id` may change: the nearest ones (the lists it now
   * enters), those beyond whose stored list it beats (`kthScore`), and those whose list contains
   * it (`listedIn`, which the caller knows). Call after `upsert` (or after `remove`, with
   * `listedIn` only). Never contains `id`.
   */
  affectedBy(id: string, options: AffectedOptions = {}): string[] {
    const locale = this.localeOf(id);
    if (locale === undefined) return [...new Set(options.listedIn ?? [])].filter((other) => other !== id);
    return this.partitions.get(locale)?.affectedBy(id, options) ?? [];
  }

  /**
   * The profile with its current smoothed vector attached, for storage (unchanged if not indexed).
   * Computes pending profiles first.
   */
  withVector(profile: ArticleProfile): ArticleProfile {
    const vector = this.vectorOf(profile.id);
    return vector ? { ...profile, vector } : profile;
  }

  /** The current smoothed vector of an indexed document, storable (computes pending profiles first). */
  vectorOf(id: string): StoredVector | undefined {
    const locale = this.localeOf(id);
    return locale === undefined ? undefined : this.partitions.get(locale)?.exportVector(id);
  }

  /** The story of an indexed document: the id of its earliest article (its own id when alone). */
  storyOf(id: string): string | undefined {
    const locale = this.localeOf(id);
    return locale === undefined ? undefined : this.partitions.get(locale)?.storyOf(id);
  }

  /** The documents of an indexed document's story, earliest first (itself alone when it has none). */
  storyMembers(id: string): string[] {
    const locale = this.localeOf(id);
    return locale === undefined ? [] : (this.partitions.get(locale)?.storyMembers(id) ?? []);
  }

  /** Documents whose story changed (joined, left, renamed, removed) since the last call. */
  takeStoryChanges(): string[] {
    return [...this.partitions.values()].flatMap((partition) => partition.takeStoryChanges());
  }

  /**
   * Ids whose smoothed vector was recomputed since the last call (their own save, a batch
   * recomputation, or a term they hold becoming shared): persist them with `withVector` to keep
   * stored vectors current.
   */
  takeChangedVectors(): string[] {
    return [...this.partitions.values()].flatMap((partition) => partition.takeChanged());
  }

  /**
   * Teaches the analyzers the stems of the words the indexed documents wrote, those of the
   * commonest terms first. After a start-up from stored profiles, or a rebuild analysed on another
   * thread, the next saves then find most of their words' stems cached instead of running the
   * stemmer, which is most of an analysis. Returns how many words were learned.
   */
  primeAnalyzers(): number {
    let learned = 0;
    for (const [locale, partition] of this.partitions) {
      const language = languageFor(resolveLanguage(locale, this.settings.analysis), this.settings.analysis);
      learned += language.learnStems(partition.surfaceStems(STEM_PRIME_LIMIT));
    }
    return learned;
  }

  /** Sizes for the health panel: documents per locale, terms, postings, profiles not yet computed. */
  stats(): EngineStats {
    const locales: Record<string, number> = {};
    let terms = 0;
    let postings = 0;
    let pendingProfiles = 0;
    let approximateBytes = 0;
    for (const [locale, partition] of this.partitions) {
      locales[locale] = partition.size;
      terms += partition.termCount;
      postings += partition.postingCount;
      pendingProfiles += partition.pendingCount;
      approximateBytes += partition.bytes;
    }
    return { documents: this.size(), locales, terms, postings, pendingProfiles, approximateBytes };
  }
}

/** Creates an engine with the given (validated) settings, defaults otherwise. */
export const createRelatedEngine = (settings: RelatedSettings = defaultRelatedSettings): RelatedEngine => new RelatedEngine(settings);

export { DEFAULT_LOCALE };
