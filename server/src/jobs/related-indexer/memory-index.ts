import { decodeKey, encodeKey } from '../../articles/document-key';
import type { ArticleRules, ArticleSource, PublishedArticle } from '../../index-store/article-source';
import type { StoredLink, StoredList } from '../../index-store/links';
import type { StoredVectorOf } from '../../index-store/profiles';
import type { RowStamp } from '../../index-store/stamps';
import type { StoryOf } from '../../index-store/stories';
import { ArticleStates, NO_RULES, type ListRules } from './article-states';
import {
  createRelatedEngine,
  type ArticleProfile,
  type IndexableArticle,
  type ListContenders,
  type ListTarget,
  type RelatedEngine,
  type RelatedLink,
  type RelatedSettings,
  type StoredVector,
} from '../../related';

/** Lists previewed after a start-up or a rebuild, so that the first saves do not run cold code. */
const WARM_UP_PREVIEWS = 5;

/** An article as the engine indexes it: its id is its encoded key. */
export const indexable = (article: PublishedArticle): IndexableArticle => ({
  id: encodeKey(article),
  locale: article.locale,
  title: article.title,
  dek: article.dek,
  body: article.body,
  tags: article.tags,
  section: article.sectionId,
  sectionName: article.sectionName,
  publishedAt: article.publicationTime,
  neverListElsewhere: article.neverListAsRelated,
});

export const stampOf = (article: PublishedArticle): RowStamp => ({ rowId: article.rowId, updatedAt: article.updatedAt });

// Most articles have no rule: they share one object (an object and three arrays each cost 100 bytes).
export const rulesOf = (article: ArticleRules): ListRules =>
  !article.hideRelated && article.pinned.length === 0 && article.excluded.length === 0 && article.notInStory.length === 0
    ? NO_RULES
    : { hideRelated: article.hideRelated, pinned: article.pinned, excluded: article.excluded, notInStory: article.notInStory };

const optionsOf = (rule: ListRules, locale: string): { hideRelated: boolean; pinned: string[]; exclude: string[]; notInStory: string[] } => ({
  hideRelated: rule.hideRelated,
  pinned: rule.pinned.map((documentId) => encodeKey({ documentId, locale })),
  exclude: rule.excluded.map((documentId) => encodeKey({ documentId, locale })),
  notInStory: rule.notInStory.map((documentId) => encodeKey({ documentId, locale })),
});

const toStoredLink = (link: RelatedLink): StoredLink => ({
  documentId: decodeKey(link.id).documentId,
  score: link.score,
  pinned: link.pinned === true,
  sameStory: link.sameStory === true,
  reasons: link.reasons,
});

/**
 * This instance's index of the published articles, in memory, keyed by encoded key: the engine
 * and what is kept beside it. Lists are computed from here alone, never from the tables (their
 * durable copy). What holds:
 * - an article has rules only while the engine holds it, and only an article with rules gets a
 *   list computed;
 * - its version names the published version the engine holds of it: a job for the same version
 *   changes nothing. A job sets it only once its writes committed, so that a run that failed
 *   half-way is redone in full;
 * - `reset` drops everything at once: nothing here outlives the engine it describes.
 */
export class MemoryIndex {
  engine: RelatedEngine;
  /** Each indexed article's rules, the published version it was analysed from, and the score a save must beat to enter its list. */
  states = new ArticleStates();
  /** Stored profiles analysed under other settings: re-indexed by the start-up reconciliation. */
  readonly outdated = new Set<string>();
  /** The last change of the feed this index includes. */
  seenChange = 0;

  constructor(
    private readonly settings: RelatedSettings,
    private readonly source: ArticleSource,
  ) {
    this.engine = createRelatedEngine(settings);
  }

  /** An empty index (`seenChange` is set by the load that follows). */
  reset(): void {
    this.engine = createRelatedEngine(this.settings);
    this.states = new ArticleStates();
    this.outdated.clear();
  }

  profileOf(article: PublishedArticle): ArticleProfile {
    return this.engine.analyze(indexable(article));
  }

  remember(key: string, article: PublishedArticle, profile: ArticleProfile): void {
    this.engine.upsert(profile);
    this.states.setRules(key, rulesOf(article));
  }

  forget(key: string): void {
    this.engine.remove(key);
    this.states.delete(key);
  }

  /**
   * Pins first in their order (if published in the locale), then the engine's picks. Notes the
   * score a save must reach to enter the list: its lowest computed link when full, else where the
   * list ends (the relative cutoff of its best link), at least the minimum score.
   */
  listFor(key: string, contenders?: ListContenders): StoredLink[] {
    const rule = this.states.rulesOf(key);
    if (!rule) return [];
    const { settings } = this;
    const links = this.engine.related(key, { ...optionsOf(rule, decodeKey(key).locale), contenders });
    const scores = links.filter((link) => !link.pinned).map((link) => link.score);
    const best = Math.max(0, ...scores);
    if (links.length < settings.listSize || scores.length === 0) this.states.setEntryScore(key, Math.max(settings.minScore, best * settings.cutoff.relative));
    else this.states.setEntryScore(key, Math.min(...scores));
    return links.map(toStoredLink);
  }

  /** The lists of these articles; `contenders`, when given, are their lists' contenders found by a helper (in the same order). */
  listsFor(keys: Iterable<string>, contenders: readonly (ListContenders | undefined)[] = []): StoredList[] {
    return [...keys].map((key, at) => ({ ...decodeKey(key), links: this.listFor(key, contenders[at]) }));
  }

  /** These articles' lists as a helper finds their contenders (undefined for one that gets none). */
  listTargets(keys: string[]): (ListTarget | undefined)[] {
    return keys.map((key) => {
      const rule = this.states.rulesOf(key);
      return rule && this.engine.listTarget(key, optionsOf(rule, decodeKey(key).locale));
    });
  }

  /**
   * The list an article not (yet) in the index would get: analysed, scored against the index,
   * never stored. A draft without a publication date is treated as published now.
   */
  preview(article: PublishedArticle): StoredLink[] {
    const options = optionsOf(rulesOf(article), article.locale);
    // Its own published version, if indexed, is not a related article of it.
    const exclude = [encodeKey(article), ...options.exclude];
    return this.engine
      .related(this.profileOf({ ...article, publicationTime: article.publicationTime || Date.now() }), { ...options, exclude })
      .map(toStoredLink);
  }

  /** These articles' stories as stored: named after their earliest article; none for an article alone. */
  storiesOf(keys: string[]): StoryOf[] {
    return keys.map((key) => {
      const story = this.engine.storyOf(key);
      return { ...decodeKey(key), story: story === undefined || this.engine.storyMembers(key).length < 2 ? null : decodeKey(story).documentId };
    });
  }

  /** The stored form of these articles' current vectors (those still indexed). */
  storableVectors(keys: string[]): StoredVectorOf<StoredVector>[] {
    return keys.flatMap((key) => {
      const vector = this.engine.vectorOf(key);
      return vector ? [{ ...decodeKey(key), vector }] : [];
    });
  }

  /**
   * Reads, analyses and lists a few indexed articles, storing nothing. After a start-up or a
   * rebuild, this thread has not run a save's code yet (a rebuild analyses on another thread):
   * without this, the first saves spend three times as long compiling it. Nothing depends on it,
   * so a failure (the database gone for a moment) is not one of the start-up or the rebuild.
   */
  async warmUp(): Promise<void> {
    let tried = 0;
    try {
      for (const key of this.states.keysWithRules()) {
        if (tried === WARM_UP_PREVIEWS) break;
        tried += 1;
        const article = await this.source.findPublished(decodeKey(key));
        if (article) this.preview(article);
      }
    } catch {
      // The next saves run cold.
    }
  }
}
