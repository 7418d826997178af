import { performance } from 'perf_hooks';
import type { Knex } from 'knex';
import { createRelatedEngine, type ArticleProfile, type RelatedLink, type RelatedEngine, type RelatedSettings, type StoredVector } from '../related';
import type { ArticleSource, PublishedArticle } from '../index-store/article-source';
import { linkStore, type StoredLink, type StoredList } from '../index-store/links';
import { profileStore, type StoredProfile } from '../index-store/profiles';
import type { RebuildSteps } from './rebuild';
import type { DocumentKey } from './queue';

export interface RecomputeTimings {
  documentId: string;
  locale: string;
  /** From the job's start until the saved article's own list is stored. */
  ownMs: number;
  /** From the job's start until every affected neighbour's list is stored too. */
  neighboursMs: number;
  neighbours: number;
}

const keyOf = (key: DocumentKey): string => `${key.documentId}\u0000${key.locale}`;
const fromKey = (key: string): DocumentKey => {
  const [documentId, locale] = key.split('\u0000');
  return { documentId, locale };
};

/** The editorial rules of an article's own list, kept in memory beside the engine. */
interface ListRules {
  hideRelated: boolean;
  pinned: string[];
  excluded: string[];
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
  onRecomputed: (timings: RecomputeTimings) => void = () => {},
) => {
  const engine: RelatedEngine = createRelatedEngine(settings);
  const rules = new Map<string, ListRules>();
  // The published version each indexed article was analysed from.
  const versions = new Map<string, string>();
  // The lowest computed score of each full stored list: a save that beats it enters that list.
  const kthScores = new Map<string, number>();
  // Stored profiles analysed under other settings: re-indexed by the start-up reconciliation.
  const outdated = new Set<string>();
  let snapshot: string[] | undefined;

  const profileOf = (article: PublishedArticle): ArticleProfile =>
    engine.analyze({
      id: keyOf(article),
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

  const rulesOf = (article: PublishedArticle): ListRules => ({ hideRelated: article.hideRelated, pinned: article.pinned, excluded: article.excluded });

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

  const optionsOf = (rule: ListRules, locale: string): { hideRelated: boolean; pinned: string[]; exclude: string[] } => ({
    hideRelated: rule.hideRelated,
    pinned: rule.pinned.map((documentId) => keyOf({ documentId, locale })),
    exclude: rule.excluded.map((documentId) => keyOf({ documentId, locale })),
  });

  const toStoredLink = (link: RelatedLink): StoredLink => ({ documentId: fromKey(link.id).documentId, score: link.score, pinned: link.pinned === true, reasons: link.reasons });

  /** Pins first in their order (if published in the locale), then the engine's picks. */
  const listFor = (key: string): StoredLink[] => {
    const rule = rules.get(key);
    if (!rule) return [];
    const links = engine.related(key, optionsOf(rule, fromKey(key).locale));
    const computed = links.filter((link) => !link.pinned);
    if (links.length < settings.listSize || computed.length === 0) kthScores.set(key, -Infinity);
    else kthScores.set(key, computed[computed.length - 1].score);
    return links.map(toStoredLink);
  };

  /**
   * The list an article not (yet) in the index would get: analysed, scored against the index,
   * never stored. A draft without a publication date is treated as published now.
   */
  const preview = (article: PublishedArticle): StoredLink[] => {
    const options = optionsOf(rulesOf(article), article.locale);
    // Its own published version, if indexed, is not a related article of it.
    const exclude = [keyOf(article), ...options.exclude];
    return engine.related(profileOf({ ...article, publicationTime: article.publicationTime || Date.now() }), { ...options, exclude }).map(toStoredLink);
  };

  const listsFor = (keys: Iterable<string>): StoredList[] => [...keys].map((key) => ({ ...fromKey(key), links: listFor(key) }));

  const recompute = async (key: DocumentKey, force = false): Promise<RecomputeTimings> => {
    const started = performance.now();
    const id = keyOf(key);
    const article = await source.findPublished(key);
    // A draft save leaves the published version, and so every list, as it was.
    if (!force && article && versions.get(id) === article.version) {
      return { ...key, ownMs: performance.now() - started, neighboursMs: performance.now() - started, neighbours: 0 };
    }
    let profile: ArticleProfile | undefined;
    if (article) {
      profile = profileOf(article);
      remember(id, article, profile);
    } else {
      forget(id);
    }
    await linkStore.replace(db(), [{ ...key, links: article ? listFor(id) : [] }]);
    const ownMs = performance.now() - started;

    // Lists that show this article may have to drop it or re-rank it (its own list is not one).
    const holders = (await linkStore.findListsContaining(db(), key)).map(keyOf);
    const affected = new Set(engine.affectedBy(id, { listedIn: holders, kthScore: (other) => kthScores.get(other) }));
    affected.delete(id);
    await db().transaction(async (trx) => {
      await linkStore.replace(trx, listsFor([...affected].filter((other) => rules.has(other))));
      // Stored with its smoothed vector, so a restart indexes it without recomputing it.
      if (article && profile) await profileStore.upsert(trx, [{ ...key, version: article.version, profile, vector: engine.vectorOf(id) }]);
      else await profileStore.remove(trx, [key]);
    });
    // Only now is this version done: a run that failed half-way is redone in full by its retry.
    if (article) versions.set(id, article.version);
    // Vectors this save refreshed elsewhere are recomputed from scratch by the next rebuild.
    engine.takeChangedVectors();
    const timings = { ...key, ownMs, neighboursMs: performance.now() - started, neighbours: affected.size };
    onRecomputed(timings);
    return timings;
  };

  /** Start-up: the index comes back from the profile table, without re-reading articles. */
  const load = async (): Promise<number> => {
    for await (const page of profileStore.all<ArticleProfile, StoredVector>(db())) {
      for (const stored of page) {
        if (engine.isCurrent(stored.profile)) {
          engine.upsert(stored.vector ? { ...stored.profile, vector: stored.vector } : stored.profile);
          versions.set(keyOf(stored), stored.version);
        } else outdated.add(keyOf(stored));
      }
    }
    engine.takeChangedVectors();
    // Editorial rules are cheap to re-read and are not part of the engine's profile.
    for (let cursor = 0; ; ) {
      const batch = await source.findPublishedBatch(cursor, 2000);
      if (batch.length === 0) break;
      for (const article of batch) {
        const key = keyOf(article);
        if (engine.has(key)) rules.set(key, rulesOf(article));
      }
      cursor = batch[batch.length - 1].rowId;
    }
    return engine.size();
  };

  /**
   * Articles whose index entry does not match their published version (or that left). Run
   * right after `load`, whose versions and outdated keys cover every stored profile.
   */
  const reconcile = async (): Promise<DocumentKey[]> => {
    const unseen = new Set([...versions.keys(), ...outdated]);
    const stale: DocumentKey[] = [];
    for (const published of await source.listPublishedVersions()) {
      const key = keyOf(published);
      if (versions.get(key) !== published.version) stale.push(published);
      unseen.delete(key);
    }
    return [...stale, ...[...unseen].map(fromKey)];
  };

  const steps: RebuildSteps = {
    countPublished: () => source.countPublished(),

    async indexAfter(cursor, size) {
      const batch = await source.findPublishedBatch(cursor === null ? 0 : Number(cursor), size);
      if (batch.length === 0) return { cursor: null, count: 0 };
      const stored: StoredProfile<ArticleProfile, StoredVector>[] = batch.map((article) => {
        const profile = profileOf(article);
        remember(keyOf(article), article, profile);
        versions.set(keyOf(article), article.version);
        return { documentId: article.documentId, locale: article.locale, version: article.version, profile };
      });
      await profileStore.upsert(db(), stored);
      return { cursor: String(batch[batch.length - 1].rowId), count: batch.length };
    },

    async dropStale(startedAt) {
      const gone = await profileStore.staleKeys(db(), startedAt);
      for (const key of gone) forget(keyOf(key));
      await profileStore.remove(db(), gone);
      await linkStore.replace(db(), gone.map((key) => ({ ...key, links: [] })));
    },

    async relistAfter(cursor, size) {
      // A sorted snapshot of the index, taken when the phase starts (or resumes after a restart).
      if (cursor === null || !snapshot) snapshot = [...rules.keys()].sort();
      const keys = snapshot;
      let start = 0;
      if (cursor !== null) {
        for (let high = keys.length; start < high; ) {
          const middle = (start + high) >> 1;
          if (keys[middle] <= cursor) start = middle + 1;
          else high = middle;
        }
      }
      const slice = keys.slice(start, start + size);
      if (slice.length === 0) {
        snapshot = undefined;
        engine.takeChangedVectors();
        return { cursor: null, count: 0 };
      }
      const live = slice.filter((key) => rules.has(key));
      const lists = listsFor(live);
      // The lists just computed every vector of this batch: store them for fast start-ups.
      const vectors = live.flatMap((key) => {
        const vector = engine.vectorOf(key);
        return vector ? [{ ...fromKey(key), vector }] : [];
      });
      await db().transaction(async (trx) => {
        await linkStore.replace(trx, lists);
        await profileStore.setVectors(trx, vectors);
      });
      return { cursor: slice[slice.length - 1], count: slice.length };
    },
  };

  return { load, recompute, reconcile, preview, size: () => engine.size(), ...steps };
};

export type RelatedIndexer = ReturnType<typeof createRelatedIndexer>;
