import { decodeKey, encodeKey } from '../../articles/document-key';
import { changeStore } from '../../index-store/changes';
import { profileStore } from '../../index-store/profiles';
import type { ArticleProfile, StoredVector } from '../../related';
import type { IndexerContext } from './context';
import { rulesOf } from './memory-index';

/** Changes read from the feed per query. */
const FEED_PAGE = 2000;

/**
 * Replays what other instances stored since the last call into this instance's index: their
 * saves, refreshed vectors and rebuilds. Run before computing anything: the index then holds every
 * change up to `seenChange`, its own included (written by it, skipped here). Too far behind (the
 * feed no longer holds the next change, or a rebuild's worth of it), it reloads instead.
 */
export const createFeedSync =
  ({ db, source, owner, memory, readAhead }: IndexerContext, reload: () => Promise<void>) =>
  async (): Promise<void> => {
    if ((await changeStore.oldest(db())) > memory.seenChange + 1) return reload();
    for (;;) {
      const changes = await changeStore.after(db(), memory.seenChange, owner, FEED_PAGE);
      if (changes.length === 0) return;
      readAhead.drop();
      const keys = [...new Map(changes.map((change) => [encodeKey(change), decodeKey(encodeKey(change))])).values()];
      // A rebuild elsewhere: reading everything back at once is cheaper than key by key.
      if (keys.length >= FEED_PAGE / 2 && changes.length === FEED_PAGE) return reload();
      const stored = new Map((await profileStore.find<ArticleProfile, StoredVector>(db(), keys)).map((entry) => [encodeKey(entry), entry]));
      const published = new Map((await source.findPublishedByKeys(keys)).map((article) => [encodeKey(article), article]));
      for (const key of keys.map(encodeKey)) {
        const entry = stored.get(key);
        const article = published.get(key);
        if (entry && article && memory.engine.isCurrent(entry.profile)) {
          memory.engine.upsert(entry.vector ? { ...entry.profile, vector: entry.vector } : entry.profile);
          memory.states.setRules(key, rulesOf(article));
          memory.states.setVersion(key, entry.version);
        } else if (!entry) memory.forget(key);
      }
      // What other instances stored is theirs to write: vectors and stories alike.
      memory.engine.takeChangedVectors();
      memory.engine.takeStoryChanges();
      memory.seenChange = changes[changes.length - 1].id;
    }
  };
