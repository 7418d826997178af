import { performance } from 'perf_hooks';
import type { Knex } from 'knex';
import { decodeKey, encodeKey, type DocumentKey } from '../articles/document-key';
import {
  createRelatedEngine,
  type ArticleProfile,
  type IndexableArticle,
  type RelatedLink,
  type RelatedEngine,
  type RelatedSettings,
  type StoredVector,
} from '../related';
import type { ArticleRules, ArticleSource, PublishedArticle } from '../index-store/article-source';
import { linkStore, type StoredLink, type StoredList } from '../index-store/links';
import { storyStore, type StoryOf, type StoryRef } from '../index-store/stories';
import { changeStore } from '../index-store/changes';
import { profileStore, type StoredProfile, type StoredVectorOf } from '../index-store/profiles';
import { sameFingerprint, sameStamp, type Fingerprint, type RowStamp } from '../index-store/stamps';
import { dropLinksTargetIndex, ensureLinksTargetIndex, TABLES } from '../index-store/tables';
import { createAnalyser, type Analyser } from './analyser';
import type { RebuildSteps } from './rebuild';
import { yieldToRequests } from '../event-loop/yield-to-requests';

export interface RecomputeTimings {
  documentId: string;
  locale: string;
  /** From the job's start until the saved article's own list is stored. */
  ownMs: number;
  /** From the job's start until every affected neighbour's list is stored too. */
  neighboursMs: number;
  neighbours: number;
  /** Wall-clock start and end of the job (ms since the epoch), to see jobs never overlap. */
  startedAt: number;
  finishedAt: number;
}

/** Changes read from the feed per query. */
const FEED_PAGE = 2000;
/** Documents per step of a full reprofile (tens of milliseconds). */
const REPROFILE_STEP = 200;
/** Lists previewed after a start-up or a rebuild, so that the first saves do not run cold code. */
const WARM_UP_PREVIEWS = 5;

/** A batch of a rebuild's index phase: read, and being analysed. */
interface ReadBatch {
  after: number;
  size: number;
  articles: PublishedArticle[];
  profiles: Promise<ArticleProfile[]>;
}

/** The editorial rules of an article's own list, kept in memory beside the engine. */
interface ListRules {
  hideRelated: boolean;
  pinned: string[];
  excluded: string[];
  notInStory: string[];
}

/** What a write changed for readers: the articles whose stored list or story reads differently, and the stories they left or joined. */
export interface ListChanges {
  articles: DocumentKey[];
  stories: StoryRef[];
}

/**
 * Keeps the in-memory engine, the profile table and the stored lists in step: a job for one
 * article re-reads its published version, re-indexes it, stores its list, and refreshes the
 * lists it now enters or leaves. Never reads the engine's state from anywhere but memory.
 */
export const createRelatedIndexer = (
  db: () => Knex,
  source: ArticleSource,
  settings: RelatedSettings,
  owner: string,
  onRecomputed: (timings: RecomputeTimings) => void = () => {},
  onChanged: (changes: ListChanges) => void = () => {},
) => {
  let engine: RelatedEngine = createRelatedEngine(settings);
  const rules = new Map<string, ListRules>();
  // The published version each indexed article was analysed from.
  const versions = new Map<string, string>();
  // The lowest computed score of each full stored list: a save that beats it enters that list.
  const kthScores = new Map<string, number>();
  // Stored profiles analysed under other settings: re-indexed by the start-up reconciliation.
  const outdated = new Set<string>();
  let snapshot: string[] | undefined;
  // The rebuild whose lists phase this index was fully recomputed for.
  let reprofiledFor: number | undefined;
  // The last change of the feed this index includes.
  let seenChange = 0;

  let analyser: Analyser | undefined;
  // The index phase's next batch, read and analysed on the other thread while one is stored.
  let ahead: ReadBatch | undefined;

  const indexable = (article: PublishedArticle): IndexableArticle => ({
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

  const profileOf = (article: PublishedArticle): ArticleProfile => engine.analyze(indexable(article));

  const readBatch = async (after: number, size: number): Promise<ReadBatch> => {
    const articles = await source.findPublishedBatch(after, size);
    analyser ??= createAnalyser(settings);
    const profiles = analyser.analyze(articles.map(indexable));
    // Awaited when its batch is indexed, if it is; a failure is that batch's error.
    profiles.catch(() => undefined);
    return { after, size, articles, profiles };
  };

  const closeAnalyser = async (): Promise<void> => {
    ahead = undefined;
    await analyser?.close();
  };

  const stampOf = (article: PublishedArticle): RowStamp => ({ rowId: article.rowId, updatedAt: article.updatedAt });

  const rulesOf = (article: ArticleRules): ListRules => ({ hideRelated: article.hideRelated, pinned: article.pinned, excluded: article.excluded, notInStory: article.notInStory });

  const remember = (key: string, article: PublishedArticle, profile: ArticleProfile) => {
    engine.upsert(profile);
    rules.set(key, rulesOf(article));
  };

  const forget = (key: string) => {
    engine.remove(key);
    rules.delete(key);
    kthScores.delete(key);
    versions.delete(key);
  };

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

  /** These articles' stories as stored: named after their earliest article; none for an article alone. */
  const storiesOf = (keys: string[]): StoryOf[] =>
    keys.map((key) => {
      const story = engine.storyOf(key);
      return { ...decodeKey(key), story: story === undefined || engine.storyMembers(key).length < 2 ? null : decodeKey(story).documentId };
    });

  /**
   * Pins first in their order (if published in the locale), then the engine's picks. Notes the
   * score a save must reach to enter the list: its lowest computed link when full, else where the
   * list ends (the relative cutoff of its best link), at least the minimum score.
   */
  const listFor = (key: string): StoredLink[] => {
    const rule = rules.get(key);
    if (!rule) return [];
    const links = engine.related(key, optionsOf(rule, decodeKey(key).locale));
    const scores = links.filter((link) => !link.pinned).map((link) => link.score);
    const best = Math.max(0, ...scores);
    if (links.length < settings.listSize || scores.length === 0) kthScores.set(key, Math.max(settings.minScore, best * settings.cutoff.relative));
    else kthScores.set(key, Math.min(...scores));
    return links.map(toStoredLink);
  };

  /**
   * The list an article not (yet) in the index would get: analysed, scored against the index,
   * never stored. A draft without a publication date is treated as published now.
   */
  const preview = (article: PublishedArticle): StoredLink[] => {
    const options = optionsOf(rulesOf(article), article.locale);
    // Its own published version, if indexed, is not a related article of it.
    const exclude = [encodeKey(article), ...options.exclude];
    return engine.related(profileOf({ ...article, publicationTime: article.publicationTime || Date.now() }), { ...options, exclude }).map(toStoredLink);
  };

  /**
   * Reads, analyses and lists a few indexed articles, storing nothing. After a start-up or a
   * rebuild, this thread has not run a save's code yet (a rebuild analyses on another thread):
   * without this, the first saves spend three times as long compiling it. Nothing depends on it,
   * so a failure (the database gone for a moment) is not one of the start-up or the rebuild.
   */
  const warmUp = async (): Promise<void> => {
    let tried = 0;
    try {
      for (const key of rules.keys()) {
        if (tried === WARM_UP_PREVIEWS) break;
        tried += 1;
        const article = await source.findPublished(decodeKey(key));
        if (article) preview(article);
      }
    } catch {
      // The next saves run cold.
    }
  };

  const listsFor = (keys: Iterable<string>): StoredList[] => [...keys].map((key) => ({ ...decodeKey(key), links: listFor(key) }));

  const recompute = async (key: DocumentKey, force = false): Promise<RecomputeTimings> => {
    // A batch read before this save would index the article's older version again.
    ahead = undefined;
    const started = performance.now();
    const startedAt = Date.now();
    const id = encodeKey(key);
    const article = await source.findPublished(key);
    // A draft save leaves the published content, and so every list, as it was; so does a
    // re-publish or an import of the same content, which only moves the profile to its new row.
    if (!force && article && versions.get(id) === article.version) {
      await profileStore.setStamp(db(), key, stampOf(article));
      const elapsed = performance.now() - started;
      return { ...key, ownMs: elapsed, neighboursMs: elapsed, neighbours: 0, startedAt, finishedAt: Date.now() };
    }
    // A draft that was never published shows nowhere: its job changes nothing a reader sees.
    const shown = article !== null || versions.has(id) || engine.has(id);
    let profile: ArticleProfile | undefined;
    if (article) {
      profile = profileOf(article);
      remember(id, article, profile);
    } else {
      forget(id);
    }
    await linkStore.replace(db(), [{ ...key, links: article ? listFor(id) : [] }]);
    const ownMs = performance.now() - started;

    // Lists that show this article may have to drop it or re-rank it (its own list is not one),
    // and the lists of every article whose story this save changed show it differently.
    const holders = (await linkStore.findListsContaining(db(), key)).map(encodeKey);
    const affected = new Set(engine.affectedBy(id, { listedIn: holders, kthScore: (other) => kthScores.get(other) }));
    const storyChanges = engine.takeStoryChanges();
    for (const other of storyChanges) affected.add(other);
    affected.delete(id);
    const lists = listsFor([...affected].filter((other) => rules.has(other)));
    const vector = article ? engine.vectorOf(id) : undefined;
    // Other articles' vectors this save refreshed: stored too, so every instance holds the same.
    const refreshed = storableVectors(engine.takeChangedVectors().filter((other) => other !== id));
    const changes = await db().transaction(async (trx): Promise<ListChanges> => {
      const relisted = await linkStore.replaceChanged(trx, lists);
      // Stored with its smoothed vector, so a restart indexes it without recomputing it.
      if (article && profile) await profileStore.upsert(trx, [{ ...key, version: article.version, stamp: stampOf(article), profile, vector }]);
      else await profileStore.remove(trx, [key]);
      await profileStore.setVectors(trx, refreshed);
      const stories = await storyStore.set(trx, storiesOf(storyChanges));
      await changeStore.append(trx, [key, ...refreshed], owner, 'job');
      // The article itself whenever it shows: its content, or whether it is published, changed.
      return { articles: [...(shown ? [key] : []), ...relisted, ...storyChanges.map(decodeKey)], stories };
    });
    // Only now is this version done: a run that failed half-way is redone in full by its retry.
    if (article) versions.set(id, article.version);
    const timings = { ...key, ownMs, neighboursMs: performance.now() - started, neighbours: affected.size, startedAt, finishedAt: Date.now() };
    onRecomputed(timings);
    onChanged(changes);
    return timings;
  };

  /** The stored form of these articles' current vectors (those still indexed). */
  const storableVectors = (keys: string[]): StoredVectorOf<StoredVector>[] =>
    keys.flatMap((key) => {
      const vector = engine.vectorOf(key);
      return vector ? [{ ...decodeKey(key), vector }] : [];
    });

  /** Start-up: the index comes back from the profile table, without re-reading articles. */
  const load = async (): Promise<number> => {
    // Read first: a change made while the profiles are read is then replayed, not missed.
    seenChange = await changeStore.latest(db());
    for await (const page of profileStore.all<ArticleProfile, StoredVector>(db())) {
      for (const stored of page) {
        if (engine.isCurrent(stored.profile)) {
          engine.upsert(stored.vector ? { ...stored.profile, vector: stored.vector } : stored.profile);
          versions.set(encodeKey(stored), stored.version);
        } else outdated.add(encodeKey(stored));
      }
    }
    engine.takeChangedVectors();
    // Nothing was analysed here: the next saves would stem every word afresh.
    engine.primeAnalyzers();
    // Editorial rules are cheap to re-read and are not part of the engine's profile.
    for (let cursor = 0; ; ) {
      const batch = await source.findRulesBatch(cursor, 2000);
      if (batch.length === 0) break;
      for (const article of batch) {
        const key = encodeKey(article);
        if (engine.has(key)) rules.set(key, rulesOf(article));
      }
      cursor = batch[batch.length - 1].rowId;
    }
    await warmUp();
    // The stories the stored vectors give back are the stored ones.
    engine.takeStoryChanges();
    return engine.size();
  };

  /** Starts again from the stored profiles (after missing too much of the feed). */
  const reload = async (): Promise<void> => {
    ahead = undefined;
    engine = createRelatedEngine(settings);
    for (const state of [rules, versions, kthScores]) state.clear();
    outdated.clear();
    snapshot = undefined;
    reprofiledFor = undefined;
    await load();
  };

  /**
   * Replays what other instances stored since the last call into this instance's index: their
   * saves, refreshed vectors and rebuilds. Run before computing anything.
   */
  const sync = async (): Promise<void> => {
    if ((await changeStore.oldest(db())) > seenChange + 1) return reload();
    for (;;) {
      const changes = await changeStore.after(db(), seenChange, owner, FEED_PAGE);
      if (changes.length === 0) return;
      ahead = undefined;
      const keys = [...new Map(changes.map((change) => [encodeKey(change), decodeKey(encodeKey(change))])).values()];
      // A rebuild elsewhere: reading everything back at once is cheaper than key by key.
      if (keys.length >= FEED_PAGE / 2 && changes.length === FEED_PAGE) return reload();
      const stored = new Map((await profileStore.find<ArticleProfile, StoredVector>(db(), keys)).map((entry) => [encodeKey(entry), entry]));
      const published = new Map((await source.findPublishedByKeys(keys)).map((article) => [encodeKey(article), article]));
      for (const key of keys.map(encodeKey)) {
        const entry = stored.get(key);
        const article = published.get(key);
        if (entry && article && engine.isCurrent(entry.profile)) {
          engine.upsert(entry.vector ? { ...entry.profile, vector: entry.vector } : entry.profile);
          rules.set(key, rulesOf(article));
          versions.set(key, entry.version);
        } else if (!entry) forget(key);
      }
      // What other instances stored is theirs to write: vectors and stories alike.
      engine.takeChangedVectors();
      engine.takeStoryChanges();
      seenChange = changes[changes.length - 1].id;
    }
  };

  /**
   * Articles whose stored profile was not read from their current published row (or that left
   * the published set), and those whose profile was analysed under other settings. Compares
   * stamps only: no article is read. Run right after `load` at start-up, and when the
   * fingerprints differ with no job left to explain it (an import, a write that bypassed Strapi).
   */
  const reconcile = async (): Promise<DocumentKey[]> => {
    const stored = new Map((await profileStore.stamps(db())).map((entry) => [encodeKey(entry), entry]));
    const stale: DocumentKey[] = [];
    for (const published of await source.listPublishedStamps()) {
      const key = encodeKey(published);
      if (!sameStamp(stored.get(key), published) || outdated.has(key)) stale.push({ documentId: published.documentId, locale: published.locale });
      stored.delete(key);
    }
    return [...stale, ...[...stored.values()].map(({ documentId, locale }) => ({ documentId, locale }))];
  };

  /** The published rows and the stored profiles, each summed up in one query. */
  const fingerprints = async (): Promise<{ published: Fingerprint; indexed: Fingerprint }> => ({
    published: await source.publishedFingerprint(),
    indexed: await profileStore.fingerprint(db()),
  });

  /** Whether `reconcile` can find anything: some profile is outdated, or the fingerprints differ. */
  const mayBeStale = async (): Promise<boolean> => {
    if (outdated.size > 0) return true;
    const { published, indexed } = await fingerprints();
    return !sameFingerprint(published, indexed);
  };

  /** The locales this index holds articles of. */
  const indexedLocales = (): string[] =>
    Object.entries(engine.stats().locales)
      .filter(([, size]) => size > 0)
      .map(([locale]) => locale);

  /**
   * Forgets every article of these locales (deleted from the site) at once: profiles, lists and
   * jobs, in one transaction, and tells the other instances through the feed.
   */
  const purgeLocales = async (locales: string[]): Promise<number> => {
    if (locales.length === 0) return 0;
    ahead = undefined;
    const gone = new Set(locales);
    const stored: Array<{ document_id: string; locale: string }> = await db()(TABLES.profiles).select('document_id', 'locale').whereIn('locale', locales);
    const keys = new Set([...stored.map((row) => encodeKey({ documentId: row.document_id, locale: row.locale })), ...rules.keys(), ...outdated]);
    for (const key of keys) if (!gone.has(decodeKey(key).locale)) keys.delete(key);
    for (const key of keys) {
      forget(key);
      outdated.delete(key);
    }
    await db().transaction(async (trx) => {
      for (const table of [TABLES.profiles, TABLES.vectors, TABLES.links, TABLES.stories, TABLES.jobs]) await trx(table).whereIn('locale', locales).delete();
      await changeStore.append(trx, [...keys].map(decodeKey), owner, 'purge');
    });
    return keys.size;
  };

  const steps: RebuildSteps = {
    countPublished: () => source.countPublished(),

    async indexAfter(cursor, size) {
      const after = cursor === null ? 0 : Number(cursor);
      const current = ahead?.after === after && ahead.size === size ? ahead : await readBatch(after, size);
      ahead = undefined;
      const batch = current.articles;
      if (batch.length === 0) {
        await closeAnalyser();
        // Analysed on the other thread: this one's analyzer has not seen the words.
        engine.primeAnalyzers();
        return { cursor: null, count: 0 };
      }
      const profiles = await current.profiles;
      const last = batch[batch.length - 1].rowId;
      // The next batch is analysed on the other thread while this one is indexed and stored.
      ahead = await readBatch(last, size);
      const stored: StoredProfile<ArticleProfile, StoredVector>[] = batch.map((article, at) => {
        const profile = profiles[at];
        remember(encodeKey(article), article, profile);
        versions.set(encodeKey(article), article.version);
        return { documentId: article.documentId, locale: article.locale, version: article.version, stamp: stampOf(article), profile };
      });
      await db().transaction(async (trx) => {
        await profileStore.upsert(trx, stored);
        await changeStore.append(trx, stored, owner, 'rebuild');
      });
      return { cursor: String(last), count: batch.length };
    },

    async dropStale(startedAt) {
      const gone = await profileStore.staleKeys(db(), startedAt);
      for (const key of gone) forget(encodeKey(key));
      await db().transaction(async (trx) => {
        await profileStore.remove(trx, gone);
        await linkStore.replace(trx, gone.map((key) => ({ ...key, links: [] })));
        await changeStore.append(trx, gone, owner, 'rebuild');
      });
      if (gone.length > 0) onChanged({ articles: gone, stories: [] });
    },

    latestChange: () => changeStore.latest(db()),

    async restoreAfterFailure() {
      await closeAnalyser();
      await ensureLinksTargetIndex(db());
    },

    latestJobChange: () => changeStore.latestJobChange(db()),

    async relistAfter(cursor, size, rebuildId, renew) {
      // Every profile from the current statistics first, as a fresh index would have them: also
      // when the phase resumes on another instance, whose index was kept up save by save.
      if (reprofiledFor !== rebuildId) {
        engine.invalidateProfiles();
        reprofiledFor = rebuildId;
        snapshot = undefined;
      }
      // Minutes at 100,000 articles: in steps, serving requests and keeping the leases between.
      while (!engine.flushStep(REPROFILE_STEP)) {
        await yieldToRequests();
        if (!(await renew())) return null;
      }
      // A sorted snapshot of the index, taken when the phase starts (or resumes after a restart).
      if (cursor === null || !snapshot) snapshot = [...rules.keys()].sort();
      if (cursor === null) {
        await dropLinksTargetIndex(db());
        // Every story was found again by the full pass: the table is written anew, once.
        engine.takeStoryChanges();
        const restoried = await storyStore.replaceAll(db(), storiesOf(snapshot).filter((entry) => entry.story !== null));
        if (restoried.articles.length > 0) onChanged(restoried);
      }
      const keys = snapshot;
      // Stored as JSON: the in-memory key's separator is a NUL, which PostgreSQL text refuses.
      const after = cursor === null ? null : encodeKey(JSON.parse(cursor) as DocumentKey);
      let start = 0;
      if (after !== null) {
        for (let high = keys.length; start < high; ) {
          const middle = (start + high) >> 1;
          if (keys[middle] <= after) start = middle + 1;
          else high = middle;
        }
      }
      const slice = keys.slice(start, start + size);
      if (slice.length === 0) {
        snapshot = undefined;
        engine.takeChangedVectors();
        engine.takeStoryChanges();
        await ensureLinksTargetIndex(db());
        await warmUp();
        return { cursor: null, count: 0 };
      }
      const live = slice.filter((key) => rules.has(key));
      const lists = listsFor(live);
      // The lists just computed every vector of this batch: store them for fast start-ups.
      const vectors = storableVectors(live);
      const relisted = await db().transaction(async (trx) => {
        const changed = await linkStore.replaceChanged(trx, lists);
        await profileStore.setVectors(trx, vectors);
        await changeStore.append(trx, vectors, owner, 'rebuild');
        return changed;
      });
      if (relisted.length > 0) onChanged({ articles: relisted, stories: [] });
      const { documentId, locale } = decodeKey(slice[slice.length - 1]);
      return { cursor: JSON.stringify({ documentId, locale }), count: slice.length };
    },
  };

  return { load, sync, recompute, reconcile, mayBeStale, fingerprints, indexedLocales, purgeLocales, preview, size: () => engine.size(), close: closeAnalyser, ...steps };
};

export type RelatedIndexer = ReturnType<typeof createRelatedIndexer>;
