import type { Knex } from 'knex';
import type { DocumentKey } from '../jobs/queue';
import { chunked, deleteKeys } from './batches';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

/** An article's story: the document id of the story's earliest article, or null when it stands alone. */
export interface StoryOf extends DocumentKey {
  story: string | null;
}

/** The story of each article that shares one, for the content API's story reads. */
export const storyStore = {
  /** Writes these articles' stories (a null story removes the row). */
  async set(db: Knex, entries: StoryOf[]): Promise<void> {
    await deleteKeys(db, TABLES.stories, entries.filter((entry) => entry.story === null));
    await insertRows(
      db,
      TABLES.stories,
      entries.flatMap((entry) => (entry.story === null ? [] : [{ document_id: entry.documentId, locale: entry.locale, story_id: entry.story }])),
      { conflict: ['document_id', 'locale'], merge: ['story_id'] },
    );
  },

  /** Replaces every row (a rebuild's or a refresh's lists phase). */
  async replaceAll(db: Knex, entries: StoryOf[]): Promise<void> {
    await db(TABLES.stories).delete();
    for (const chunk of chunked(entries)) await storyStore.set(db, chunk);
  },

  /** The articles of an article's story (itself included), or just itself when it stands alone. */
  async membersOf(db: Knex, key: DocumentKey): Promise<{ story: string; members: string[] }> {
    const row = await db(TABLES.stories).first('story_id').where({ document_id: key.documentId, locale: key.locale });
    if (!row) return { story: key.documentId, members: [key.documentId] };
    const members: string[] = await db(TABLES.stories).where({ story_id: row.story_id, locale: key.locale }).orderBy('document_id').pluck('document_id');
    return { story: String(row.story_id), members };
  },
};
