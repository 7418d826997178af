import type { DocumentKey } from '../../../server/src/articles/document-key';
import { createPublishedIndex } from '../../../server/src/counters/published-index';

const key = (documentId: string, locale = 'en'): DocumentKey => ({ documentId, locale });

describe('the published-articles index', () => {
  it('takes in every page of a full read, per locale', async () => {
    const pages = [[key('a'), key('b')], [key('c'), key('a', 'fr')], [key('d')]];
    const index = createPublishedIndex({
      async *all() {
        yield* pages;
      },
      localesOf: async () => [],
    });
    await index.reload();
    for (const page of pages) for (const article of page) expect(index.has(article)).toBe(true);
    expect(index.has(key('b', 'fr'))).toBe(false);
    expect(index.has(key('e'))).toBe(false);
  });

  it('keeps a save read while a full read is under way, whichever page had the article', async () => {
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const index = createPublishedIndex({
      async *all() {
        yield [key('a')];
        await paused;
        // Read before the save unpublished it.
        yield [key('b')];
      },
      localesOf: async () => [],
    });
    const reload = index.reload();
    await index.refresh('b');
    release();
    await reload;
    expect(index.has(key('a'))).toBe(true);
    expect(index.has(key('b'))).toBe(false);
  });
});
