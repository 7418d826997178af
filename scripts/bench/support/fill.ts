import type { Core } from '@strapi/strapi';
import type { SyntheticArticle } from './synthetic-articles';

// SQLite takes at most 500 rows per multi-row insert; each article is two rows.
const CHUNK = 200;

export const syntheticBody = (article: SyntheticArticle) => article.paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/**
 * For a process that fills the tables with SQL while the app runs: the worker's consistency
 * check would otherwise notice the new rows and index them on its own, in the middle of the fill.
 */
export const withoutConsistencyCheck = (): void => {
  const config = JSON.parse(process.env.NEWSROOM_CONFIG ?? '{}') as { jobs?: Record<string, unknown> };
  process.env.NEWSROOM_CONFIG = JSON.stringify({ ...config, jobs: { ...config.jobs, checkIntervalSeconds: 0 } });
};

/**
 * Writes `count` published articles (a draft row and a published row each, as Strapi keeps
 * them) and their section links straight into the article tables: creating 100,000 articles
 * one by one through the Document Service would take the better part of an hour.
 */
export const insertSyntheticArticles = async (
  strapi: Core.Strapi,
  corpus: (index: number) => SyntheticArticle,
  count: number,
): Promise<{ documentIds: string[]; stories: number[] }> => {
  const knex = strapi.db.connection;
  const sectionIds: number[] = [];
  for (let section = 0; section < 12; section += 1) {
    const now = new Date();
    const [row] = await knex('newsroom_sections')
      .insert({
        document_id: `benchsection${String(section).padStart(12, '0')}`,
        name: `Section ${section}`,
        slug: `section-${section}`,
        position: section,
        locale: 'en',
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .returning('id');
    sectionIds.push(typeof row === 'object' ? Number((row as { id: number }).id) : Number(row));
  }

  const documentIds: string[] = [];
  const stories: number[] = [];
  const start = Date.now();
  for (let offset = 0; offset < count; offset += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, count - offset) }, (_, index) => ({ index: offset + index, article: corpus(offset + index) }));
    const rows = batch.flatMap(({ index, article }) => {
      const documentId = `bench${String(index).padStart(19, '0')}`;
      documentIds.push(documentId);
      stories.push(article.story);
      const created = new Date(start - (count - index) * 60_000);
      const base = {
        document_id: documentId,
        title: article.title,
        slug: `bench-${index}`,
        dek: article.dek,
        body: JSON.stringify(syntheticBody(article)),
        publication_date: created,
        hide_related: false,
        never_list_as_related: false,
        created_at: created,
        updated_at: created,
        locale: 'en',
      };
      return [
        { ...base, published_at: null },
        { ...base, published_at: created },
      ];
    });
    const inserted = await knex('newsroom_articles').insert(rows).returning('id');
    const returned = inserted.map((row: unknown) => (typeof row === 'object' ? Number((row as { id: number }).id) : Number(row)));
    // MySQL returns the first id of a multi-row insert only; the rest follow it.
    const ids = returned.length === rows.length ? returned : rows.map((_, position) => returned[0] + position);
    await knex('newsroom_articles_section_lnk').insert(
      ids.map((id: number, position: number) => ({ article_id: id, section_id: sectionIds[batch[position >> 1].article.section] })),
    );
  }
  return { documentIds, stories };
};
