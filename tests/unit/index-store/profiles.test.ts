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
