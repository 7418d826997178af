import type { Knex } from 'knex';
import type { DocumentKey } from '../jobs/queue';
import { chunked, deleteKeys, keyPairs } from './batches';
import { insertRows } from './insert-rows';
import { TABLES } from './tables';

export interface StoredProfile<TProfile, TVector = unknown> extends DocumentKey {
  version: string;
  profile: TProfile;
  /** The profile's computed vector, when it has one (stored in its own table). */
  vector?: TVector;
}

export interface StoredVectorOf<TVector> extends DocumentKey {
  vector: TVector;
}

const PAGE = 2000;

const writeVectors = async <TVector>(db: Knex, vectors: StoredVectorOf<TVector>[]): Promise<void> => {
  await insertRows(
    db,
    TABLES.vectors,
    vectors.map((entry) => ({ document_id: entry.documentId, locale: entry.locale, vector: JSON.stringify(entry.vector) })),
    { conflict: ['document_id', 'locale'], merge: ['vector'] },
  );
};

const withVectors = (db: Knex): Knex.QueryBuilder =>
  db(`${TABLES.profiles} as p`)
    .select('p.document_id', 'p.locale', 'p.source_version', 'p.profile', 'v.vector')
    .leftJoin(`${TABLES.vectors} as v`, (on) => on.on('v.document_id', 'p.document_id').andOn('v.locale', 'p.locale'));

const fromRow = <TProfile, TVector>(row: Record<string, unknown>): StoredProfile<TProfile, TVector> => ({
  documentId: String(row.document_id),
  locale: String(row.locale),
  version: String(row.source_version),
  profile: JSON.parse(String(row.profile)) as TProfile,
  vector: row.vector === null || row.vector === undefined ? undefined : (JSON.parse(String(row.vector)) as TVector),
});

/**
 * The analysed form of every published article and its computed vector, so the in-memory index
 * is rebuilt at start-up from these tables instead of re-reading and re-analysing every article.
 */
export const profileStore = {
  /** Stores profiles; one stored without a vector drops the vector it had (it is outdated). */
  async upsert<TProfile, TVector>(db: Knex, profiles: StoredProfile<TProfile, TVector>[], now = Date.now()): Promise<void> {
    await insertRows(
      db,
      TABLES.profiles,
      profiles.map((entry) => ({
        document_id: entry.documentId,
        locale: entry.locale,
        source_version: entry.version,
        profile: JSON.stringify(entry.profile),
        indexed_at: now,
      })),
      { conflict: ['document_id', 'locale'], merge: ['source_version', 'profile', 'indexed_at'] },
    );
    const withVector = profiles.flatMap((entry) => (entry.vector === undefined ? [] : [{ ...entry, vector: entry.vector }]));
    await writeVectors(db, withVector);
    await deleteKeys(db, TABLES.vectors, profiles.filter((entry) => entry.vector === undefined));
  },

  /** Stores the vectors of profiles already stored. */
  setVectors: writeVectors,

  async remove(db: Knex, keys: DocumentKey[]): Promise<void> {
    await deleteKeys(db, TABLES.profiles, keys);
    await deleteKeys(db, TABLES.vectors, keys);
  },

  /** The stored profiles (with vectors) of these keys; missing ones are left out. */
  async find<TProfile, TVector>(db: Knex, keys: DocumentKey[]): Promise<StoredProfile<TProfile, TVector>[]> {
    const found: StoredProfile<TProfile, TVector>[] = [];
    for (const chunk of chunked(keys)) {
      const rows: Array<Record<string, unknown>> = await withVectors(db).whereIn(['p.document_id', 'p.locale'], keyPairs(chunk));
      found.push(...rows.map((row) => fromRow<TProfile, TVector>(row)));
    }
    return found;
  },

  /** Streams every stored profile with its vector, a page at a time, in key order. */
  async *all<TProfile, TVector>(db: Knex): AsyncGenerator<StoredProfile<TProfile, TVector>[]> {
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows: Array<Record<string, unknown>> = await withVectors(db)
        .where((query) =>
          query
            .where('p.document_id', '>', after[0])
            .orWhere((same) => same.where('p.document_id', after[0]).andWhere('p.locale', '>', after[1])),
        )
        .orderBy([{ column: 'p.document_id' }, { column: 'p.locale' }])
        .limit(PAGE);
      if (rows.length === 0) return;
      yield rows.map((row) => fromRow<TProfile, TVector>(row));
      const last = rows[rows.length - 1];
      after = [String(last.document_id), String(last.locale)];
    }
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
