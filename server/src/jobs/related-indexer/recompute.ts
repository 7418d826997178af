import { performance } from 'perf_hooks';
import { decodeKey, encodeKey, type DocumentKey } from '../../articles/document-key';
import { changeStore } from '../../index-store/changes';
import { linkStore } from '../../index-store/links';
import { profileStore } from '../../index-store/profiles';
import { storyStore } from '../../index-store/stories';
import type { ArticleProfile } from '../../related';
import { collectReleasedShared } from '../shared-memory';
import type { IndexerContext, ListChanges } from './context';
import { stampOf } from './memory-index';

export interface RecomputeTimings {
  documentId: string;
  locale: string;
  /** From the job's start until the saved article's own list is stored. */
  ownMs: number;
  /** Where `ownMs` went: reading the article, indexing it (analysis and profiles), its list, storing it. */
  ownParts: { readMs: number; indexMs: number; listMs: number; storeMs: number };
  /** From the job's start until every affected neighbour's list is stored too. */
  neighboursMs: number;
  neighbours: number;
  /** Wall-clock start and end of the job (ms since the epoch), to see jobs never overlap. */
  startedAt: number;
  finishedAt: number;
}

/**
 * A save's job: re-reads the article's published version, re-indexes it, stores its list, then
 * refreshes the lists it now enters or leaves and those of the articles whose story it changed.
 * Its writes are one transaction (lists, profile and vector, the vectors and stories it changed,
 * the feed entry); readers are told after it committed. The per-save path: measured by
 * `bench:related`.
 */
export const createRecompute =
  ({ db, source, owner, memory, readAhead, onChanged }: IndexerContext, onRecomputed: (timings: RecomputeTimings) => void) =>
  async (key: DocumentKey, force = false): Promise<RecomputeTimings> => {
    // A batch read before this save would index the article's older version again.
    readAhead.drop();
    const started = performance.now();
    const startedAt = Date.now();
    const id = encodeKey(key);
    const article = await source.findPublished(key);
    const read = performance.now();
    // A draft save leaves the published content, and so every list, as it was; so does a
    // re-publish or an import of the same content, which only moves the profile to its new row.
    if (!force && article && memory.states.isVersion(id, article.version)) {
      await profileStore.setStamp(db(), key, stampOf(article));
      const elapsed = performance.now() - started;
      const ownParts = { readMs: read - started, indexMs: 0, listMs: 0, storeMs: elapsed - (read - started) };
      return { ...key, ownMs: elapsed, ownParts, neighboursMs: elapsed, neighbours: 0, startedAt, finishedAt: Date.now() };
    }
    // A draft that was never published shows nowhere: its job changes nothing a reader sees.
    const shown = article !== null || memory.states.hasVersion(id) || memory.engine.has(id);
    let profile: ArticleProfile | undefined;
    if (article) {
      profile = memory.profileOf(article);
      memory.remember(id, article, profile);
    } else {
      memory.forget(id);
    }
    // The profiles this save changed, which its list would compute first: timed apart from it.
    memory.engine.flush();
    const indexed = performance.now();
    const links = article ? memory.listFor(id) : [];
    const listed = performance.now();
    await linkStore.replace(db(), [{ ...key, links }]);
    const ownMs = performance.now() - started;
    const ownParts = { readMs: read - started, indexMs: indexed - read, listMs: listed - indexed, storeMs: started + ownMs - listed };

    // Lists that show this article may have to drop it or re-rank it (its own list is not one),
    // and the lists of every article whose story this save changed show it differently.
    const holders = (await linkStore.findListsContaining(db(), key)).map(encodeKey);
    const affected = new Set(memory.engine.affectedBy(id, { listedIn: holders, kthScore: (other) => memory.states.entryScore(other) }));
    const storyChanges = memory.engine.takeStoryChanges();
    for (const other of storyChanges) affected.add(other);
    affected.delete(id);
    const lists = memory.listsFor([...affected].filter((other) => memory.states.hasRules(other)));
    const vector = article ? memory.engine.vectorOf(id) : undefined;
    // Other articles' vectors this save refreshed: stored too, so every instance holds the same.
    const refreshed = memory.storableVectors(memory.engine.takeChangedVectors().filter((other) => other !== id));
    const changes = await db().transaction(async (trx): Promise<ListChanges> => {
      const relisted = await linkStore.replaceChanged(trx, lists);
      // Stored with its smoothed vector, so a restart indexes it without recomputing it.
      if (article && profile) await profileStore.upsert(trx, [{ ...key, version: article.version, stamp: stampOf(article), profile, vector }]);
      else await profileStore.remove(trx, [key]);
      await profileStore.setVectors(trx, refreshed);
      const stories = await storyStore.set(trx, memory.storiesOf(storyChanges));
      await changeStore.append(trx, [key, ...refreshed], owner, 'job');
      // The article itself whenever it shows: its content, or whether it is published, changed.
      return { articles: [...(shown ? [key] : []), ...relisted, ...storyChanges.map(decodeKey)], stories };
    });
    // Only now is this version done: a run that failed half-way is redone in full by its retry.
    if (article) memory.states.setVersion(id, article.version);
    const timings = { ...key, ownMs, ownParts, neighboursMs: performance.now() - started, neighbours: affected.size, startedAt, finishedAt: Date.now() };
    onRecomputed(timings);
    onChanged(changes);
    // A save that grew the term arena a reprofile had shared lets go of it.
    collectReleasedShared();
    return timings;
  };
