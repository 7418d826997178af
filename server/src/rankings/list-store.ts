import type { Knex } from 'knex';
import type { RankingEntry } from '../contracts/panels';
import { writeFirst } from '../database/dialect';
import type { ComputedList } from './compute';
import type { RankingKind } from './select';
import { RANKING_TABLES } from './tables';
import type { ApiWindow } from './windows';

const CHUNK = 500;

export interface ServedList {
  rankingId: string;
  slug: string;
  name: string;
  kind: RankingKind;
  window: ApiWindow;
  locale: string;
  etag: string;
  computedAt: string;
  entries: RankingEntry[];
}

interface ListRow {
  ranking_id: string;
  locale: string;
  slug: string;
  name: string;
  kind: RankingKind;
  window: ApiWindow;
  etag: string;
  computed_at: number | string;
}

interface EntryRow {
  position: number;
  article_id: string;
  title: string;
  slug: string;
  section_id: string | null;
  section_slug: string | null;
  section_name: string | null;
  publication_date: string | null;
  pinned: boolean | number;
  figure: number | null;
}

const insertChunked = async (trx: Knex.Transaction, table: string, rows: Record<string, unknown>[]): Promise<void> => {
  for (let start = 0; start < rows.length; start += CHUNK) await trx(table).insert(rows.slice(start, start + CHUNK));
};

interface ListHead {
  ranking_id: string;
  locale: string;
  slug: string;
  etag: string;
}

/** The lists that read differently between two sets (ETag or slug changed, list came or went), by slug and locale. */
const changedLists = (before: ListHead[], after: ListHead[]): Array<{ slug: string; locale: string }> => {
  const id = (row: ListHead): string => `${row.ranking_id}\u0000${row.locale}`;
  const old = new Map(before.map((row) => [id(row), row]));
  const changed = new Map<string, { slug: string; locale: string }>();
  const note = (row: ListHead): void => void changed.set(`${row.slug}\u0000${row.locale}`, { slug: row.slug, locale: row.locale });
  for (const row of after) {
    const previous = old.get(id(row));
    old.delete(id(row));
    if (previous && previous.etag === row.etag && previous.slug === row.slug) continue;
    note(row);
    if (previous) note(previous);
  }
  for (const gone of old.values()) note(gone);
  return [...changed.values()];
};

/**
 * Replaces every list in one transaction: a reader sees the previous lists or the new ones, never
 * a mix. Answers the lists that show something else now (by slug and locale; none when nothing changed).
 */
export const replaceLists = async (knex: Knex, lists: ComputedList[], computedAt: number): Promise<Array<{ slug: string; locale: string }>> =>
  knex.transaction(async (trx) => {
    await writeFirst(trx, RANKING_TABLES.lists);
    const before: ListHead[] = await trx(RANKING_TABLES.lists).select('ranking_id', 'locale', 'slug', 'etag');
    const after = lists.map(({ ranking, etag }) => ({ ranking_id: ranking.documentId, locale: ranking.locale, slug: ranking.slug, etag }));
    await trx(RANKING_TABLES.entries).delete();
    await trx(RANKING_TABLES.lists).delete();
    await insertChunked(
      trx,
      RANKING_TABLES.lists,
      lists.map(({ ranking, etag }) => ({
        ranking_id: ranking.documentId,
        locale: ranking.locale,
        slug: ranking.slug,
        name: ranking.name,
        kind: ranking.kind,
        window: ranking.window,
        etag,
        computed_at: computedAt,
      })),
    );
    await insertChunked(
      trx,
      RANKING_TABLES.entries,
      lists.flatMap(({ ranking, entries }) =>
        entries.map((entry, index) => ({
          ranking_id: ranking.documentId,
          locale: ranking.locale,
          position: index + 1,
          article_id: entry.documentId,
          title: entry.article.title,
          slug: entry.article.slug,
          section_id: entry.article.section?.documentId ?? null,
          section_slug: entry.article.section?.slug ?? null,
          section_name: entry.article.section?.name ?? null,
          publication_date: entry.article.publicationDate,
          pinned: entry.pinned,
          figure: entry.figure,
        })),
      ),
    );
    return changedLists(before, after);
  });

const toEntry = (row: EntryRow): RankingEntry => ({
  position: Number(row.position),
  documentId: row.article_id,
  title: row.title,
  slug: row.slug,
  section: row.section_id ? { documentId: row.section_id, slug: row.section_slug ?? '', name: row.section_name ?? '' } : null,
  publicationDate: row.publication_date,
  pinned: Boolean(row.pinned),
  figure: row.figure === null ? null : Number(row.figure),
});

const toList = (list: ListRow, entries: EntryRow[]): ServedList => ({
  rankingId: list.ranking_id,
  slug: list.slug,
  name: list.name,
  kind: list.kind,
  window: list.window,
  locale: list.locale,
  etag: list.etag,
  computedAt: new Date(Number(list.computed_at)).toISOString(),
  entries: entries.map(toEntry),
});

/** The stored list of a ranking (by slug) in a locale, or null when there is none. */
export const findList = async (knex: Knex, slug: string, locale: string): Promise<ServedList | null> => {
  const list: ListRow | undefined = await knex(RANKING_TABLES.lists).first().where({ slug, locale });
  if (!list) return null;
  const entries: EntryRow[] = await knex(RANKING_TABLES.entries).select().where({ ranking_id: list.ranking_id, locale }).orderBy('position');
  return toList(list, entries);
};

/** Every stored list of a locale, by slug, in two queries. */
export const findLists = async (knex: Knex, locale: string): Promise<ServedList[]> => {
  const lists: ListRow[] = await knex(RANKING_TABLES.lists).select().where({ locale }).orderBy('slug');
  const entries: Array<EntryRow & { ranking_id: string }> = await knex(RANKING_TABLES.entries).select().where({ locale }).orderBy(['ranking_id', 'position']);
  return lists.map((list) =>
    toList(
      list,
      entries.filter((entry) => entry.ranking_id === list.ranking_id),
    ),
  );
};

/** Deletes the stored lists and entries of every locale but these. */
export const forgetLocalesExcept = async (knex: Knex, kept: string[]): Promise<void> => {
  await knex.transaction(async (trx) => {
    await trx(RANKING_TABLES.entries).whereNotIn('locale', kept).delete();
    await trx(RANKING_TABLES.lists).whereNotIn('locale', kept).delete();
  });
};
