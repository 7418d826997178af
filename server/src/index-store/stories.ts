import type { Knex } from 'knex';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { chunked, deleteKeys, pageAfterKey } from './batches';
import { whereKeys } from '../database/dialect';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

/** Stored rows read per query when looking for those of articles no longer indexed. */
const PAGE = 5000;

/** An article's story: the document id of the story's earliest article, or null when it stands alone. */
export interface StoryOf extends DocumentKey {
  story: string | null;
}

/** A story of one locale, as caches in front key it. */
export interface StoryRef {
  id: string;
  locale: string;
}

const storiesOfRows = (rows: Array<{ story_id: unknown; locale: unknown }>): StoryRef[] =>
  rows.map((row) => ({ id: String(row.story_id), locale: String(row.locale) }));

/** The stories these articles belong to now. */
const storiesHolding = async (db: Knex, keys: DocumentKey[]): Promise<StoryRef[]> => {
  const found: StoryRef[] = [];
  for (const chunk of chunked(keys))
    found.push(...storiesOfRows(await whereKeys(db, db(TABLES.stories).select('story_id', 'locale'), ['document_id', 'locale'], chunk)));
  return found;
};

/** The stories an article left or joined, once each. */
const distinctStories = (stories: StoryRef[]): StoryRef[] => [...new Map(stories.map((story) => [`${story.id}\u0000${story.locale}`, story])).values()];

const write = async (db: Knex, entries: StoryOf[]): Promise<void> => {
  await deleteKeys(
    db,
    TABLES.stories,
    entries.filter((entry) => entry.story === null),
  );
  await insertRows(
    db,
    TABLES.stories,
    entries.flatMap((entry) =>
      entry.story === null
        ? []
        : [
            {
              document_id: entry.documentId,
              locale: entry.locale,
              story_id: entry.story,
            },
          ],
    ),
    { conflict: ['document_id', 'locale'], merge: ['story_id'] },
  );
};

/** The story of each article that shares one, for the content API's story reads. */
export const storyStore = {
  /** Writes these articles' stories (a null story removes the row); answers the stories they left or joined. */
  async set(db: Knex, entries: StoryOf[]): Promise<StoryRef[]> {
    if (entries.length === 0) return [];
    const left = await storiesHolding(db, entries);
    await write(db, entries);
    const joined = entries.flatMap((entry) => (entry.story === null ? [] : [{ id: entry.story, locale: entry.locale }]));
    return distinctStories([...left, ...joined]);
  },

  /**
   * Replaces every row (a rebuild's or a refresh's lists phase), a chunk of articles at a time so
   * that a million articles never sit in memory at once: `chunks` holds the story of every indexed
   * article, and a stored row of an article that is not indexed (`isIndexed`) goes. Yields after
   * each chunk (so that a caller may let requests in) the articles whose story changed, if any,
   * and the stories they left or joined.
   */
  async *replaceAll(
    db: Knex,
    chunks: Iterable<StoryOf[]>,
    isIndexed: (key: DocumentKey) => boolean,
  ): AsyncGenerator<{ articles: DocumentKey[]; stories: StoryRef[] }> {
    for (const entries of chunks) {
      const stored = new Map<string, string>();
      for (const part of chunked(entries)) {
        const rows: Array<{ document_id: unknown; locale: unknown; story_id: unknown }> = await whereKeys(
          db,
          db(TABLES.stories).select('document_id', 'locale', 'story_id'),
          ['document_id', 'locale'],
          part,
        );
        for (const row of rows) stored.set(encodeKey({ documentId: String(row.document_id), locale: String(row.locale) }), String(row.story_id));
      }
      const moved = entries.filter((entry) => (stored.get(encodeKey(entry)) ?? null) !== entry.story);
      if (moved.length > 0) await write(db, moved);
      const left = moved.flatMap((entry) => {
        const old = stored.get(encodeKey(entry));
        return old === undefined ? [] : [{ id: old, locale: entry.locale }];
      });
      const joined = moved.flatMap((entry) => (entry.story === null ? [] : [{ id: entry.story, locale: entry.locale }]));
      yield { articles: moved.map(({ documentId, locale }) => ({ documentId, locale })), stories: distinctStories([...left, ...joined]) };
    }
    // The rows of articles no longer indexed, a page at a time in key order.
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows: Array<{ document_id: unknown; locale: unknown; story_id: unknown }> = await pageAfterKey(
        db(TABLES.stories).select('document_id', 'locale', 'story_id'),
        ['document_id', 'locale'],
        after,
        PAGE,
      );
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      after = [String(last.document_id), String(last.locale)];
      const gone = rows.filter((row) => !isIndexed({ documentId: String(row.document_id), locale: String(row.locale) }));
      const articles = gone.map((row) => ({ documentId: String(row.document_id), locale: String(row.locale) }));
      await deleteKeys(db, TABLES.stories, articles);
      yield { articles, stories: distinctStories(storiesOfRows(gone)) };
    }
  },

  /** The articles of an article's story (itself included), or just itself when it stands alone. */
  async membersOf(db: Knex, key: DocumentKey): Promise<{ story: string; members: string[] }> {
    const row = await db(TABLES.stories).first('story_id').where({ document_id: key.documentId, locale: key.locale });
    if (!row) return { story: key.documentId, members: [key.documentId] };
    const members: string[] = await db(TABLES.stories).where({ story_id: row.story_id, locale: key.locale }).orderBy('document_id').pluck('document_id');
    return { story: String(row.story_id), members };
  },
};
