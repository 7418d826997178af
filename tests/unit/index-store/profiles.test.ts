import { profileStore } from '../../../server/src/index-store/profiles';
import type { Fingerprint } from '../../../server/src/index-store/stamps';
import { useMemoryTables } from '../../support/memory-tables';
import { sqlitePlan, statementsDuring } from '../../support/query-plans';

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
    let fingerprint: Fingerprint | undefined;
    const statements = await statementsDuring(db(), async () => {
      fingerprint = await profileStore.fingerprint(db());
    });

    expect(fingerprint).toEqual({ count: 3, rowIdSum: 306, latestUpdate: 1_000_003 });
    expect(statements).toHaveLength(1);
    expect(await sqlitePlan(db(), statements[0])).toEqual(['SCAN newsroom_related_profiles USING COVERING INDEX newsroom_related_profiles_stamps_index']);
  });
});

describe('profileStore.all', () => {
  it('reads every profile once in key order, each page sought in the key index from its first key', async () => {
    await profileStore.upsert(db(), [stored(3), stored(1), stored(2)]);
    const read: string[] = [];
    const statements = await statementsDuring(db(), async () => {
      for await (const page of profileStore.all(db())) read.push(...page.map((profile) => profile.documentId));
    });

    expect(read).toEqual(['doc-1', 'doc-2', 'doc-3']);
    // Not a scan from the index's start: a whole pass would read the index quadratically.
    expect(statements).toHaveLength(2);
    expect((await sqlitePlan(db(), statements[0]))[0]).toBe('SEARCH p USING INDEX sqlite_autoindex_newsroom_related_profiles_1 (document_id>?)');
  });
});

describe('profileStore.staleKeys', () => {
  it('finds the profiles not written since a time from a range of an index, never reading the profiles', async () => {
    await profileStore.upsert(db(), [stored(1), stored(2)], 1_000);
    await profileStore.upsert(db(), [stored(2), stored(3)], 2_000);
    let stale: unknown;
    const statements = await statementsDuring(db(), async () => {
      stale = await profileStore.staleKeys(db(), 2_000);
    });

    expect(stale).toEqual([{ documentId: 'doc-1', locale: 'en' }]);
    expect(await sqlitePlan(db(), statements[0])).toEqual([
      'SEARCH newsroom_related_profiles USING COVERING INDEX newsroom_related_profiles_indexed_index (indexed_at<?)',
    ]);
  });
});
