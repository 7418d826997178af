import type { Knex } from 'knex';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { chunked, deleteKeys } from './batches';
import { whereKeys } from '../database/dialect';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

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
   * Replaces every row (a rebuild's or a refresh's lists phase); answers the articles whose story
   * changed and the stories they left or joined.
   */
  async replaceAll(db: Knex, entries: StoryOf[]): Promise<{ articles: DocumentKey[]; stories: StoryRef[] }> {
    const before = new Map<string, { key: DocumentKey; story: string }>();
    const rows: Array<{
      document_id: string;
      locale: string;
      story_id: string;
    }> = await db(TABLES.stories).select('document_id', 'locale', 'story_id');
    for (const row of rows)
      before.set(encodeKey({ documentId: row.document_id, locale: row.locale }), {
        key: {
          documentId: String(row.document_id),
          locale: String(row.locale),
        },
        story: String(row.story_id),
      });
    const articles: DocumentKey[] = [];
    const stories: StoryRef[] = [];
    for (const entry of entries) {
      const id = encodeKey(entry);
      const old = before.get(id);
      before.delete(id);
      if ((old?.story ?? null) === entry.story) continue;
      articles.push({ documentId: entry.documentId, locale: entry.locale });
      if (old) stories.push({ id: old.story, locale: entry.locale });
      if (entry.story !== null) stories.push({ id: entry.story, locale: entry.locale });
    }
    for (const { key, story } of before.values()) {
      articles.push(key);
      stories.push({ id: story, locale: key.locale });
    }
    await db(TABLES.stories).delete();
    for (const chunk of chunked(entries)) await write(db, chunk);
    return { articles, stories: distinctStories(stories) };
  },

  /** The articles of an article's story (itself included), or just itself when it stands alone. */
  async membersOf(db: Knex, key: DocumentKey): Promise<{ story: string; members: string[] }> {
    const row = await db(TABLES.stories).first('story_id').where({ document_id: key.documentId, locale: key.locale });
    if (!row) return { story: key.documentId, members: [key.documentId] };
    const members: string[] = await db(TABLES.stories).where({ story_id: row.story_id, locale: key.locale }).orderBy('document_id').pluck('document_id');
    return { story: String(row.story_id), members };
  },
};
