import { cacheKeys, headerOf, keysOfAnswer } from '../../../server/src/edge/cache-keys';

const card = (documentId: string, section = 'world') => ({
  documentId,
  title: `Title ${documentId}`,
  slug: `slug-${documentId}`,
  publicationDate: null,
  section: { documentId: `s-${section}`, slug: section, name: section },
});

describe('the keys of an answer', () => {
  it('names every article, section, ranking and story it shows, and its locale', () => {
    const page = {
      data: {
        ...card('a1'),
        breadcrumb: [{ documentId: 's-news', slug: 'news', name: 'News' }],
        related: [card('a2', 'europe'), card('a3')],
        story: { storyId: 'a0', size: 2, articles: [card('a0'), card('a1')] },
        rankings: [{ slug: 'most-read', name: 'Most read', kind: 'most-viewed', window: '24h', locale: 'fr', computedAt: 1, entries: [card('a9')] }],
      },
      meta: {},
    };
    const keys = keysOfAnswer(page, 'fr', ['nr:list:fr']);
    expect([...keys.articles].sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a9'].map((documentId) => cacheKeys.article({ documentId, locale: 'fr' })));
    expect([...keys.others].sort()).toEqual(
      ['nr:list:fr', 'nr:locale:fr', 'nr:ranking:most-read:fr', 'nr:section:europe:fr', 'nr:section:news:fr', 'nr:section:world:fr', 'nr:story:a0:fr'].sort(),
    );
  });

  it('marks paginated lists, and reads sections of a tree at every depth', () => {
    const keys = keysOfAnswer(
      {
        data: [{ documentId: 's1', slug: 'news', name: 'News', children: [{ documentId: 's2', slug: 'europe', name: 'Europe', children: [] }] }],
        meta: { pagination: { page: 1 } },
      },
      'en',
    );
    expect(keys.articles.size).toBe(0);
    expect(keys.others).toEqual(new Set(['nr:locale:en', 'nr:section:news:en', 'nr:section:europe:en', 'nr:list:en']));
  });
});

describe('the keys header', () => {
  const keys = keysOfAnswer({ data: Array.from({ length: 40 }, (_, i) => card(`article${i}`)) }, 'en');

  it('joins the keys with spaces or commas', () => {
    expect(headerOf(keys, 'en', 'space', 16_000).split(' ')).toHaveLength(42);
    expect(headerOf(keys, 'en', 'comma', 16_000).split(',')).toHaveLength(42);
  });

  it('gives the article keys way to the overflow key when they do not fit, never going past the limit', () => {
    const value = headerOf(keys, 'en', 'space', 500);
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(500);
    expect(value.split(' ').sort()).toEqual(['nr:locale:en', 'nr:overflow:en', 'nr:section:world:en']);
  });
});
