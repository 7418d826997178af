import { profileStore } from '../../../server/src/index-store/profiles';
import { useMemoryTables } from '../../support/memory-tables';

const db = useMemoryTables();

const stored = (n: number) => ({
  documentId: `doc-${n}`,
  locale: 'en',
  version: `v${n}`,
  stamp: { rowId: 100 + n, updatedAt: 1_000_000 + n },
  profile: { terms: ['a long analysed profile'.repeat(50)] },
});

describe('profileStore.fingerprint', () => {
  it('sums the stored stamps up from their index, never reading the profiles themselves', async () => {
    await profileStore.upsert(db(), [stored(1), stored(2), stored(3)]);
    const statements: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    const onQuery = (query: { sql: string; bindings?: readonly unknown[] }): void => {
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    };
    db().on('query', onQuery);
    const fingerprint = await profileStore.fingerprint(db());
    db().off('query', onQuery);

    expect(fingerprint).toEqual({ count: 3, rowIdSum: 306, latestUpdate: 1_000_003 });
    expect(statements).toHaveLength(1);
    const plan: Array<{ detail: string }> = await db().raw(`explain query plan ${statements[0].sql}`, statements[0].bindings as never);
    expect(plan.map((step) => step.detail)).toEqual(['SCAN newsroom_related_profiles USING COVERING INDEX newsroom_related_profiles_stamps_index']);
  });
});
