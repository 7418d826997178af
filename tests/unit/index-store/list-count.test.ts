import { linkStore, type StoredList } from '../../../server/src/index-store/links';
import { useMemoryTables } from '../../support/memory-tables';
import { sqlitePlan, statementsDuring } from '../../support/query-plans';

const db = useMemoryTables();

const list = (documentId: string, targets: string[]): StoredList => ({
  documentId,
  locale: 'en',
  links: targets.map((target) => ({ documentId: target, score: 0.5, pinned: false, sameStory: false, reasons: ['shared topic'] })),
});

describe('the count of stored lists', () => {
  it('counts the lists with a link, from the index of their first links alone', async () => {
    await linkStore.replace(db(), [list('a', ['b', 'c', 'd']), list('b', ['a']), list('c', [])]);
    expect(await linkStore.countLists(db())).toBe(2);

    const statements = await statementsDuring(db(), () => linkStore.countLists(db()));
    expect(await sqlitePlan(db(), statements[0])).toEqual(['SCAN newsroom_related_links USING COVERING INDEX newsroom_related_links_heads_index']);
  });
});
