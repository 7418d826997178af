import type { Knex } from 'knex';
import type { DocumentKey } from '../jobs/queue';
import { TABLES } from './tables';

export interface StoredProfile<TProfile> extends DocumentKey {
  version: string;
  profile: TProfile;
}

const PAGE = 2000;
const WRITE_CHUNK = 500;

/**
 * The analysed form of every published article, so the in-memory index is rebuilt at start-up
 * from this table instead of re-reading and re-analysing every article.
 */
export const profileStore = {
  async upsert<TProfile>(db: Knex, profiles: StoredProfile<TProfile>[], now = Date.now()): Promise<void> {
    for (let start = 0; start < profiles.length; start += WRITE_CHUNK) {
      await db(TABLES.profiles)
        .insert(
          profiles.slice(start, start + WRITE_CHUNK).map((entry) => ({
            document_id: entry.documentId,
            locale: entry.locale,
            source_version: entry.version,
            profile: JSON.stringify(entry.profile),
            indexed_at: now,
          })),
        )
        .onConflict(['document_id', 'locale'])
        .merge(['source_version', 'profile', 'indexed_at']);
    }
  },

  async remove(db: Knex, keys: DocumentKey[]): Promise<void> {
    for (let start = 0; start < keys.length; start += WRITE_CHUNK) {
      await db(TABLES.profiles)
        .whereIn(['document_id', 'locale'], keys.slice(start, start + WRITE_CHUNK).map((key) => [key.documentId, key.locale]))
        .delete();
    }
  },

  /** Streams every stored profile, a page at a time, in key order. */
  async *all<TProfile>(db: Knex): AsyncGenerator<StoredProfile<TProfile>[]> {
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = await db(TABLES.profiles)
        .select('document_id', 'locale', 'source_version', 'profile')
        .where((query) =>
          query.where('document_id', '>', after[0]).orWhere((same) => same.where('document_id', after[0]).andWhere('locale', '>', after[1])),
        )
        .orderBy([{ column: 'document_id' }, { column: 'locale' }])
        .limit(PAGE);
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        documentId: String(row.document_id),
        locale: String(row.locale),
        version: String(row.source_version),
        profile: JSON.parse(String(row.profile)) as TProfile,
      }));
      const last = rows[rows.length - 1];
      after = [String(last.document_id), String(last.locale)];
    }
  },

  async find<TProfile>(db: Knex, keys: DocumentKey[]): Promise<StoredProfile<TProfile>[]> {
    const found: StoredProfile<TProfile>[] = [];
    for (let start = 0; start < keys.length; start += WRITE_CHUNK) {
      const rows = await db(TABLES.profiles)
        .select('document_id', 'locale', 'source_version', 'profile')
        .whereIn(['document_id', 'locale'], keys.slice(start, start + WRITE_CHUNK).map((key) => [key.documentId, key.locale]));
      for (const row of rows) {
        found.push({
          documentId: String(row.document_id),
          locale: String(row.locale),
          version: String(row.source_version),
          profile: JSON.parse(String(row.profile)) as TProfile,
        });
      }
    }
    return found;
  },

  /** Profiles not refreshed since `before`: their articles left the published set. */
  async staleKeys(db: Knex, before: number): Promise<DocumentKey[]> {
    const rows = await db(TABLES.profiles).select('document_id', 'locale').where('indexed_at', '<', before);
    return rows.map((row) => ({ documentId: String(row.document_id), locale: String(row.locale) }));
  },

  async count(db: Knex): Promise<number> {
    const row = await db(TABLES.profiles).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  },
};
