import { linkStore, type StoredLink } from '../../../server/src/index-store/links';
import type { DocumentKey } from '../../../server/src/articles/document-key';
import { storyStore, type StoryRef } from '../../../server/src/index-store/stories';
import { useMemoryTables } from '../../support/memory-tables';

const db = useMemoryTables();
const link = (documentId: string, score = 0.5, reasons = ['flood']): StoredLink => ({ documentId, score, pinned: false, sameStory: false, reasons });

describe('which stored lists read differently', () => {
  it('answers the lists whose links, order, story flags or reasons changed, not their scores alone', async () => {
    await linkStore.replace(db(), [
      { documentId: 'a', locale: 'en', links: [link('b'), link('c')] },
      { documentId: 'b', locale: 'en', links: [link('a')] },
      { documentId: 'c', locale: 'en', links: [link('a')] },
      { documentId: 'd', locale: 'en', links: [link('a')] },
    ]);
    const changed = await linkStore.replaceChanged(db(), [
      { documentId: 'a', locale: 'en', links: [link('b', 0.9), link('c', 0.1)] },
      { documentId: 'b', locale: 'en', links: [link('a', 0.5, ['levee'])] },
      { documentId: 'c', locale: 'en', links: [{ ...link('a'), sameStory: true }] },
      { documentId: 'd', locale: 'en', links: [] },
      { documentId: 'e', locale: 'en', links: [link('a')] },
    ]);
    expect(changed.map((key) => key.documentId).sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(await linkStore.find(db(), { documentId: 'a', locale: 'en' })).toEqual([link('b', 0.9), link('c', 0.1)]);
  });
});

describe('which stories changed', () => {
  it('answers the stories an article left and joined', async () => {
    await storyStore.set(db(), [
      { documentId: 'a', locale: 'en', story: 'a' },
      { documentId: 'b', locale: 'en', story: 'a' },
    ]);
    const changed = await storyStore.set(db(), [{ documentId: 'b', locale: 'en', story: 'c' }]);
    expect(changed).toEqual(
      expect.arrayContaining([
        { id: 'a', locale: 'en' },
        { id: 'c', locale: 'en' },
      ]),
    );
    expect(changed).toHaveLength(2);
  });

  it('answers, for a full replacement, only the articles whose story moved', async () => {
    await storyStore.set(db(), [
      { documentId: 'a', locale: 'en', story: 'a' },
      { documentId: 'b', locale: 'en', story: 'a' },
      { documentId: 'x', locale: 'fr', story: 'x' },
    ]);
    const indexed = [
      { documentId: 'a', locale: 'en', story: 'a' },
      { documentId: 'b', locale: 'en', story: 'a' },
      { documentId: 'c', locale: 'en', story: 'a' },
    ];
    const changed: { articles: DocumentKey[]; stories: StoryRef[] } = { articles: [], stories: [] };
    // One article per chunk: what a chunk yields is its own articles' changes.
    for await (const chunk of storyStore.replaceAll(
      db(),
      indexed.map((entry) => [entry]),
      (key) => indexed.some((entry) => entry.documentId === key.documentId && entry.locale === key.locale),
    )) {
      changed.articles.push(...chunk.articles);
      changed.stories.push(...chunk.stories);
    }
    expect(changed.articles).toEqual(
      expect.arrayContaining([
        { documentId: 'c', locale: 'en' },
        { documentId: 'x', locale: 'fr' },
      ]),
    );
    expect(changed.articles).toHaveLength(2);
    expect(changed.stories).toEqual(
      expect.arrayContaining([
        { id: 'a', locale: 'en' },
        { id: 'x', locale: 'fr' },
      ]),
    );
    expect(await storyStore.membersOf(db(), { documentId: 'b', locale: 'en' })).toEqual({ story: 'a', members: ['a', 'b', 'c'] });
  });

  it('removes, in a full replacement, the row of an article now alone and reports the story it left', async () => {
    await storyStore.set(db(), [
      { documentId: 'a', locale: 'en', story: 'a' },
      { documentId: 'b', locale: 'en', story: 'a' },
    ]);
    const yielded = [];
    for await (const chunk of storyStore.replaceAll(
      db(),
      [
        [
          { documentId: 'a', locale: 'en', story: null },
          { documentId: 'b', locale: 'en', story: null },
        ],
      ],
      () => true,
    ))
      yielded.push(chunk);
    expect(yielded).toEqual([
      {
        articles: [
          { documentId: 'a', locale: 'en' },
          { documentId: 'b', locale: 'en' },
        ],
        stories: [{ id: 'a', locale: 'en' }],
      },
    ]);
    expect(await storyStore.membersOf(db(), { documentId: 'b', locale: 'en' })).toEqual({ story: 'b', members: ['b'] });
  });
});
