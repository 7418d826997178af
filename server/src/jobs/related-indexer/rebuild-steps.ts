import type { Knex } from 'knex';
import { decodeKey, encodeKey, type DocumentKey } from '../../articles/document-key';
import { runsInAppThread } from '../../database/dialect';
import { yieldToRequests } from '../../event-loop/yield-to-requests';
import { changeStore } from '../../index-store/changes';
import { linkStore, type StoredList } from '../../index-store/links';
import { profileStore, type StoredProfile } from '../../index-store/profiles';
import { sameStamp, type StampedKey } from '../../index-store/stamps';
import { storyStore, type StoryOf } from '../../index-store/stories';
import { dropLinksTargetIndex, ensureLinksTargetIndex } from '../../index-store/tables';
import { SortInSteps, type ArticleProfile, type StoredVector } from '../../related';
import { askLists, createListHelper, LIST_STEP, listsInSteps, withdrawLists, type AskedLists, type ListHelper } from '../list-helper';
import { createProfileHelper } from '../profile-helper';
import { collectReleasedShared } from '../shared-memory';
import type { RebuildSteps } from '../rebuild';
import type { IndexerContext } from './context';
import { stampOf, type MemoryIndex } from './memory-index';
import type { FindHeld } from './read-ahead';

/** Documents per step of a full reprofile (tens of milliseconds). */
const REPROFILE_STEP = 200;

/** Keys of the lists phase's snapshot sorted per turn of the event loop (about 15 ms). */
const SORTED_PER_TURN = 20_000;

/** Articles whose stories the lists phase's start compares with the stored ones at a time. */
const STORY_CHUNK = 2000;

const sameKeys = (a: string[], b: string[]): boolean => a.length === b.length && a.every((key, at) => key === b[at]);

/** The stories of these articles, a chunk at a time (computed as they are read). */
function* storyChunks(keys: string[], memory: IndexerContext['memory']): Generator<StoryOf[]> {
  for (let at = 0; at < keys.length; at += STORY_CHUNK) yield memory.storiesOf(keys.slice(at, at + STORY_CHUNK));
}

/** The articles a rebuild need not analyse again: the index and the profile table hold them in the version read. */
export const heldIn =
  (db: () => Knex, memory: MemoryIndex): FindHeld =>
  async (articles) => {
    // Checked again when the batch is indexed (`indexAfter`): the index may have changed since.
    const holds = articles.filter((article) => memory.states.isVersion(encodeKey(article), article.version));
    if (holds.length === 0) return articles.map(() => undefined);
    const stored = new Map((await profileStore.versions(db(), holds)).map((entry) => [encodeKey(entry), entry]));
    return articles.map((article) => {
      const entry = stored.get(encodeKey(article));
      return entry?.version === article.version ? { rowId: entry.rowId, updatedAt: entry.updatedAt } : undefined;
    });
  };

/**
 * What a rebuild asks of this instance's index, a batch at a time: the index phase re-reads every
 * published article and re-analyses those the index does not hold as they are (the next batch
 * read ahead), the lists phase recomputes and stores every list.
 */
export const createRebuildSteps = ({ db, source, owner, memory, readAhead, onChanged }: IndexerContext) => {
  // The rebuild whose lists phase this index was fully recomputed for.
  let reprofiledFor: number | undefined;
  // The keys the lists phase goes through.
  let snapshot: string[] | undefined;
  // Finds lists' contenders on the other core, from the lists phase's first batch to its end.
  let listHelper: ListHelper | undefined;
  // The next batch, asked of the helper while this one is computed and stored.
  let ahead: { keys: string[]; lists: AskedLists<string> } | undefined;

  const closeListHelper = async (): Promise<void> => {
    const closing = listHelper;
    listHelper = undefined;
    ahead = undefined;
    await closing?.close();
    collectReleasedShared();
  };

  const steps: RebuildSteps = {
    countPublished: () => source.countPublished(),

    async indexAfter(cursor, size) {
      // A lists phase cut short (another rebuild began): its thread holds the last index's memory.
      await closeListHelper();
      const after = cursor === null ? 0 : Number(cursor);
      const current = await readAhead.take(after, size);
      const batch = current.articles;
      if (batch.length === 0) {
        await readAhead.close();
        // Analysed on the other thread: this one's analyzer has not seen the words.
        memory.engine.primeAnalyzers();
        return { cursor: null, count: 0 };
      }
      const profiles = await current.profiles;
      const last = batch[batch.length - 1].rowId;
      // The next batch is analysed on the other thread while this one is indexed and stored.
      await readAhead.readNext(last, size);
      const changed: StoredProfile<ArticleProfile, StoredVector>[] = [];
      const kept: Array<StampedKey & { moved: boolean }> = [];
      batch.forEach((article, at) => {
        // One string for the article's key in the engine and beside it (it was a copy in each).
        const key = encodeKey(article);
        const stamp = stampOf(article);
        const holds = memory.states.isVersion(key, article.version);
        // Held by the index and the table as it is (most articles, in a rebuild of a running site):
        // neither analysed nor written again, and not in the feed, until the lists phase recomputes
        // every profile. Indexed again, it would wait with no profile beside its old postings, a
        // save meanwhile would recompute all of those, and an instance loading meanwhile would find
        // no vectors.
        const held = current.held[at];
        if (held && holds) {
          kept.push({ documentId: article.documentId, locale: article.locale, ...stamp, moved: !sameStamp(held, stamp) });
          return;
        }
        const profile = profiles[at] ?? memory.profileOf(article);
        // Changed, or new: indexed again. Held by the index alone (its row written behind its back): its row only.
        if (!holds) {
          memory.remember(key, article, { ...profile, id: key });
          memory.states.setVersion(key, article.version);
        }
        changed.push({ documentId: article.documentId, locale: article.locale, version: article.version, stamp, profile });
      });
      await db().transaction(async (trx) => {
        await profileStore.upsert(trx, changed);
        await profileStore.keep(trx, kept);
        await changeStore.append(trx, changed, owner, 'rebuild');
      });
      // The term arena, shared by the last reprofile, is an ordinary array again once it grows.
      collectReleasedShared();
      return { cursor: String(last), count: batch.length };
    },

    async dropStale(startedAt) {
      const gone = await profileStore.staleKeys(db(), startedAt);
      for (const key of gone) memory.forget(encodeKey(key));
      await db().transaction(async (trx) => {
        await profileStore.remove(trx, gone);
        await linkStore.replace(
          trx,
          gone.map((key) => ({ ...key, links: [] })),
        );
        await changeStore.append(trx, gone, owner, 'rebuild');
      });
      if (gone.length > 0) onChanged({ articles: gone, stories: [] });
    },

    latestChange: () => changeStore.latest(db()),

    async restoreAfterFailure() {
      await readAhead.close();
      await closeListHelper();
      await ensureLinksTargetIndex(db());
    },

    latestJobChange: () => changeStore.latestJobChange(db()),

    /**
     * The lists phase. Every profile is recomputed from the current statistics first, as a fresh
     * index has them: also when the phase resumes on another instance, whose index was kept up
     * save by save. The keys are a sorted snapshot: the cursor, the last key done, finds its
     * place in it whatever was saved since.
     */
    async relistAfter(cursor, size, rebuildId, renew) {
      if (reprofiledFor !== rebuildId) {
        // Its thread would keep the index the reprofile replaces alive.
        await closeListHelper();
        memory.engine.invalidateProfiles();
        reprofiledFor = rebuildId;
        snapshot = undefined;
      }
      // Minutes at 100,000 articles: in steps, serving requests and keeping the leases between,
      // with every other block of profiles computed on the other core.
      const helper = createProfileHelper(memory.engine);
      try {
        if (!(await helper.flush(REPROFILE_STEP, yieldToRequests, renew))) return null;
      } finally {
        await helper.close();
        collectReleasedShared();
      }
      // The reprofile recomputed every vector and story: the batches store the vectors, the
      // phase's start the stories. A save's job between two batches must find its own changes
      // only (it stored every vector of the index in one transaction: out of memory at 100,000).
      memory.engine.takeChangedVectors();
      memory.engine.takeStoryChanges();
      // A sorted snapshot of the index, taken when the phase starts (or resumes after a restart).
      if (cursor === null || !snapshot) {
        // A million keys: sorted a slice per turn, requests answered between.
        const sort = new SortInSteps([...memory.states.keysWithRules()]);
        while (!sort.step(SORTED_PER_TURN)) await yieldToRequests();
        snapshot = sort.sorted;
      }
      if (cursor === null) {
        // Kept up row by row on SQLite instead: built again at the end, in the app's thread, it
        // stopped every request for 1.5 s at 100,000 articles.
        if (!runsInAppThread(db())) await dropLinksTargetIndex(db());
        // Every story was found again by the full pass: the table is brought up to date, once.
        for await (const restoried of storyStore.replaceAll(db(), storyChunks(snapshot, memory), (key) => memory.states.hasRules(encodeKey(key)))) {
          if (restoried.articles.length > 0) onChanged(restoried);
          await yieldToRequests();
        }
      }
      const keys = snapshot;
      // Stored as JSON: the in-memory key's separator is a NUL, which PostgreSQL text refuses.
      const after = cursor === null ? null : encodeKey(JSON.parse(cursor) as DocumentKey);
      let start = 0;
      if (after !== null) {
        for (let high = keys.length; start < high;) {
          const middle = (start + high) >> 1;
          if (keys[middle] <= after) start = middle + 1;
          else high = middle;
        }
      }
      const slice = keys.slice(start, start + size);
      if (slice.length === 0) {
        snapshot = undefined;
        await closeListHelper();
        await ensureLinksTargetIndex(db());
        await memory.warmUp();
        return { cursor: null, count: 0 };
      }
      const live = slice.filter((key) => memory.states.hasRules(key));
      // A batch's lists take seconds at a million articles: requests are answered between steps.
      // While this thread computes a step's lists, the other core finds the contenders of the
      // next steps' (most of a list's arithmetic), and of the next batch's while this one is
      // stored. Saves between batches change the index: what was found before is then found
      // again here (contenders carry the index's generation).
      listHelper ??= createListHelper(memory.engine);
      const targets = (part: string[]) => memory.listTargets(part);
      const asked = ahead && sameKeys(ahead.keys, live) ? ahead.lists : askLists(live, LIST_STEP, listHelper, targets);
      if (ahead && ahead.lists !== asked) withdrawLists(ahead.lists);
      const next = keys.slice(start + size, start + 2 * size).filter((key) => memory.states.hasRules(key));
      ahead = next.length > 0 ? { keys: next, lists: askLists(next, LIST_STEP, listHelper, targets) } : undefined;
      const lists: StoredList[] = await listsInSteps(asked, {
        targets,
        lists: (part, contenders) => memory.listsFor(part, contenders),
        pause: yieldToRequests,
      });
      // The lists just computed every vector of this batch: store them for fast start-ups.
      const vectors = memory.storableVectors(live);
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

  /** A new index (a reload): a lists phase under way recomputes it again. */
  const reset = async (): Promise<void> => {
    snapshot = undefined;
    reprofiledFor = undefined;
    await closeListHelper();
  };

  return { steps, reset, close: closeListHelper };
};
