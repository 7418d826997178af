import { encodeKey, type DocumentKey } from '../../articles/document-key';
import { changeStore } from '../../index-store/changes';
import { profileStore } from '../../index-store/profiles';
import { sameFingerprint, sameStamp, type Fingerprint } from '../../index-store/stamps';
import type { ArticleProfile, StoredVector } from '../../related';
import type { IndexerContext } from './context';
import { rulesOf } from './memory-index';

/**
 * Start-up: the index comes back from the stored profiles and vectors, and what the site changed
 * while no instance was watching (an import, a write that bypassed Strapi) is found by comparing
 * row stamps.
 */
export const createStartUp = ({ db, source, memory }: IndexerContext) => {
  /** The index comes back from the profile table, without re-reading articles. */
  const load = async (): Promise<number> => {
    // Read first: a change made while the profiles are read is then replayed, not missed.
    memory.seenChange = await changeStore.latest(db());
    for await (const page of profileStore.all<ArticleProfile, StoredVector>(db())) {
      for (const stored of page) {
        const key = encodeKey(stored);
        if (memory.engine.isCurrent(stored.profile)) {
          // One string for the key in the engine and beside it.
          memory.engine.upsert({ ...stored.profile, id: key, ...(stored.vector ? { vector: stored.vector } : {}) });
          memory.states.setVersion(key, stored.version);
        } else memory.outdated.add(key);
      }
    }
    memory.engine.takeChangedVectors();
    // Nothing was analysed here: the next saves would stem every word afresh.
    memory.engine.primeAnalyzers();
    // Editorial rules are cheap to re-read and are not part of the engine's profile.
    for (let cursor = 0; ;) {
      const batch = await source.findRulesBatch(cursor, 2000);
      if (batch.length === 0) break;
      for (const article of batch) {
        const key = encodeKey(article);
        if (memory.engine.has(key)) memory.states.setRules(key, rulesOf(article));
      }
      cursor = batch[batch.length - 1].rowId;
    }
    // Stored without their vectors (a rebuild stopped before its lists phase stored them), the
    // profiles are all to recompute: not here, on one core before the site starts (minutes at a
    // million articles), but by a lists phase (`fullPassDue`: the worker resumes the rebuild, or
    // starts a refresh).
    if (!memory.engine.fullPassDue()) {
      await memory.warmUp();
      // The stories the stored vectors give back are the stored ones.
      memory.engine.takeStoryChanges();
    }
    return memory.engine.size();
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
      if (!sameStamp(stored.get(key), published) || memory.outdated.has(key)) stale.push({ documentId: published.documentId, locale: published.locale });
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
    if (memory.outdated.size > 0) return true;
    const { published, indexed } = await fingerprints();
    return !sameFingerprint(published, indexed);
  };

  return { load, reconcile, fingerprints, mayBeStale };
};
