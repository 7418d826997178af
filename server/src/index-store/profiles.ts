import type { Knex } from 'knex';
import type { DocumentKey } from '../articles/document-key';
import { chunked, deleteKeys, pageAfterKey } from './batches';
import { countRows, whereKeys } from '../database/dialect';
import { insertRows } from './insert-rows';
import { toTime, type Fingerprint, type RowStamp, type StampedKey } from './stamps';
import { TABLES } from './tables';

export interface StoredProfile<TProfile, TVector = unknown> extends DocumentKey {
  version: string;
  /** The published row it was read from. */
  stamp: RowStamp;
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
    .select('p.document_id', 'p.locale', 'p.source_version', 'p.source_row_id', 'p.source_updated_at', 'p.profile', 'v.vector')
    .leftJoin(`${TABLES.vectors} as v`, (on) => on.on('v.document_id', 'p.document_id').andOn('v.locale', 'p.locale'));

/** A profile stored before stamps were: matches no row, so reconciliation re-reads it. */
const NO_ROW = -1;

const stampOf = (row: Record<string, unknown>): RowStamp => ({
  rowId: row.source_row_id === null || row.source_row_id === undefined ? NO_ROW : Number(row.source_row_id),
  updatedAt: toTime(row.source_updated_at),
});

const fromRow = <TProfile, TVector>(row: Record<string, unknown>): StoredProfile<TProfile, TVector> => ({
  documentId: String(row.document_id),
  locale: String(row.locale),
  version: String(row.source_version),
  stamp: stampOf(row),
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
        source_row_id: entry.stamp.rowId,
        source_updated_at: entry.stamp.updatedAt,
        profile: JSON.stringify(entry.profile),
        indexed_at: now,
      })),
      { conflict: ['document_id', 'locale'], merge: ['source_version', 'source_row_id', 'source_updated_at', 'profile', 'indexed_at'] },
    );
    const withVector = profiles.flatMap((entry) => (entry.vector === undefined ? [] : [{ ...entry, vector: entry.vector }]));
    await writeVectors(db, withVector);
    await deleteKeys(
      db,
      TABLES.vectors,
      profiles.filter((entry) => entry.vector === undefined),
    );
  },

  /** Stores the vectors of profiles already stored. */
  setVectors: writeVectors,

  /** Moves a stored profile to the row it now comes from (its content did not change). */
  async setStamp(db: Knex, key: DocumentKey, stamp: RowStamp): Promise<void> {
    await db(TABLES.profiles)
      .where({ document_id: key.documentId, locale: key.locale })
      .update({ source_row_id: stamp.rowId, source_updated_at: stamp.updatedAt });
  },

  /** The stored version and stamp of these keys' profiles (those stored). */
  async versions(db: Knex, keys: DocumentKey[]): Promise<Array<StampedKey & { version: string }>> {
    const found: Array<StampedKey & { version: string }> = [];
    for (const chunk of chunked(keys)) {
      const rows: Array<Record<string, unknown>> = await whereKeys(
        db,
        db(TABLES.profiles).select('document_id', 'locale', 'source_version', 'source_row_id', 'source_updated_at'),
        ['document_id', 'locale'],
        chunk,
      );
      found.push(
        ...rows.map((row) => ({ documentId: String(row.document_id), locale: String(row.locale), version: String(row.source_version), ...stampOf(row) })),
      );
    }
    return found;
  },

  /**
   * Marks stored profiles as seen again by a rebuild (their content unchanged), without writing
   * them: those whose published row moved (`moved`) are moved to it.
   */
  async keep(db: Knex, entries: Array<StampedKey & { moved: boolean }>, now = Date.now()): Promise<void> {
    for (const chunk of chunked(entries)) await whereKeys(db, db(TABLES.profiles), ['document_id', 'locale'], chunk).update({ indexed_at: now });
    for (const entry of entries) if (entry.moved) await profileStore.setStamp(db, entry, entry);
  },

  /** Every stored profile's key and stamp. */
  async stamps(db: Knex): Promise<StampedKey[]> {
    const rows: Array<Record<string, unknown>> = await db(TABLES.profiles).select('document_id', 'locale', 'source_row_id', 'source_updated_at');
    return rows.map((row) => ({ documentId: String(row.document_id), locale: String(row.locale), ...stampOf(row) }));
  },

  /** The stamps of every stored profile in one aggregate (see `Fingerprint`). */
  async fingerprint(db: Knex): Promise<Fingerprint> {
    const row: Record<string, unknown> | undefined = await db(TABLES.profiles).first(
      db.raw('count(*) as n'),
      db.raw('sum(source_row_id) as id_sum'),
      db.raw('max(source_updated_at) as latest'),
    );
    return { count: Number(row?.n ?? 0), rowIdSum: Number(row?.id_sum ?? 0), latestUpdate: toTime(row?.latest) };
  },

  async remove(db: Knex, keys: DocumentKey[]): Promise<void> {
    await deleteKeys(db, TABLES.profiles, keys);
    await deleteKeys(db, TABLES.vectors, keys);
  },

  /** The stored profiles (with vectors) of these keys; missing ones are left out. */
  async find<TProfile, TVector>(db: Knex, keys: DocumentKey[]): Promise<StoredProfile<TProfile, TVector>[]> {
    const found: StoredProfile<TProfile, TVector>[] = [];
    for (const chunk of chunked(keys)) {
      const rows: Array<Record<string, unknown>> = await whereKeys(db, withVectors(db), ['p.document_id', 'p.locale'], chunk);
      found.push(...rows.map((row) => fromRow<TProfile, TVector>(row)));
    }
    return found;
  },

  /** Streams every stored profile with its vector, a page at a time, in key order. */
  async *all<TProfile, TVector>(db: Knex): AsyncGenerator<StoredProfile<TProfile, TVector>[]> {
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows: Array<Record<string, unknown>> = await pageAfterKey(withVectors(db), ['p.document_id', 'p.locale'], after, PAGE);
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

  count: (db: Knex): Promise<number> => countRows(db(TABLES.profiles)),
};
