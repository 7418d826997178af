import { createCountBuffer, mergeCounts, reactionCounts, totalsOf, type CountRow } from '../../../server/src/counters/buffer';

const a = { documentId: 'a', locale: 'en' };
const b = { documentId: 'b', locale: 'en' };
const view = (article: typeof a, hour: number, count: number): CountRow => ({ ...article, metric: 'view', kind: '', hour, count });

describe('count buffer', () => {
  it('folds a burst of views into one row per article, locale and hour', () => {
    const buffer = createCountBuffer();
    for (let i = 0; i < 500; i += 1) buffer.addView(a, 10);
    buffer.addView(a, 11);
    buffer.addView({ documentId: 'a', locale: 'fr' }, 10);
    buffer.addView(b, 10);
    const { views } = buffer.drain();
    expect(views).toHaveLength(4);
    expect(views).toContainEqual(view(a, 10, 500));
    expect(views).toContainEqual(view(a, 11, 1));
    expect(buffer.isEmpty()).toBe(true);
  });

  it('keeps one pending reaction per visitor, kind and article', () => {
    const buffer = createCountBuffer();
    expect(buffer.addReaction({ ...a, kind: 'veryGood', visitor: 'v1', hour: 1 })).toBe(true);
    expect(buffer.addReaction({ ...a, kind: 'veryGood', visitor: 'v1', hour: 2 })).toBe(false);
    expect(buffer.addReaction({ ...a, kind: 'sad', visitor: 'v1', hour: 2 })).toBe(true);
    expect(buffer.addReaction({ ...a, kind: 'veryGood', visitor: 'v2', hour: 2 })).toBe(true);
    expect(buffer.pendingReactions(a)).toEqual({ veryGood: 2, sad: 1 });
    expect(buffer.pendingReactions(b)).toEqual({});
  });

  it('keeps one pending view per visitor, article and window', () => {
    const buffer = createCountBuffer();
    expect(buffer.addKeyedView({ ...a, visitor: 'v1', windowStart: 0, hour: 1 })).toBe(true);
    expect(buffer.addKeyedView({ ...a, visitor: 'v1', windowStart: 0, hour: 2 })).toBe(false);
    expect(buffer.addKeyedView({ ...a, visitor: 'v1', windowStart: 1000, hour: 2 })).toBe(true);
    expect(buffer.addKeyedView({ ...b, visitor: 'v1', windowStart: 0, hour: 1 })).toBe(true);
    expect(buffer.isEmpty()).toBe(false);
    expect(buffer.drain().keyedViews).toEqual([
      { ...a, visitor: 'v1', windowStart: 0, hour: 1 },
      { ...a, visitor: 'v1', windowStart: 1000, hour: 2 },
      { ...b, visitor: 'v1', windowStart: 0, hour: 1 },
    ]);
    expect(buffer.isEmpty()).toBe(true);
  });

  it('starts a new batch on drain and takes a failed batch back whole', () => {
    const buffer = createCountBuffer();
    buffer.addView(a, 10);
    buffer.addKeyedView({ ...a, visitor: 'v1', windowStart: 0, hour: 10 });
    buffer.addReaction({ ...a, kind: 'veryGood', visitor: 'v1', hour: 10 });
    const failed = buffer.drain();
    buffer.addView(a, 10);
    buffer.addKeyedView({ ...a, visitor: 'v2', windowStart: 0, hour: 10 });
    buffer.restore(failed);
    const next = buffer.drain();
    expect(next.views).toEqual([view(a, 10, 2)]);
    expect(next.keyedViews.map((keyed) => keyed.visitor).sort()).toEqual(['v1', 'v2']);
    expect(next.reactions).toHaveLength(1);
  });
});

describe('batch rows', () => {
  it('orders merged rows by their key, whatever order they came in', () => {
    const rows = mergeCounts([view(b, 1, 1), view(a, 2, 1), view(a, 1, 1)]);
    expect(rows).toEqual([view(a, 1, 1), view(a, 2, 1), view(b, 1, 1)]);
    expect(totalsOf(rows).map((row) => row.documentId)).toEqual(['a', 'b']);
  });

  it('merges increments of the same bucket and sums totals across hours', () => {
    const rows = mergeCounts([view(a, 1, 2), view(a, 1, 3), view(a, 2, 1), view(b, 1, 4)]);
    expect(rows).toEqual([view(a, 1, 5), view(a, 2, 1), view(b, 1, 4)]);
    expect(totalsOf(rows)).toEqual([
      { ...a, metric: 'view', kind: '', count: 6 },
      { ...b, metric: 'view', kind: '', count: 4 },
    ]);
  });

  it('counts new reactions by article, kind and hour', () => {
    const counts = reactionCounts([
      { ...a, kind: 'veryGood', visitor: 'v1', hour: 5 },
      { ...a, kind: 'veryGood', visitor: 'v2', hour: 5 },
      { ...a, kind: 'sad', visitor: 'v1', hour: 5 },
    ]);
    expect(counts).toEqual([
      { ...a, metric: 'reaction', kind: 'sad', hour: 5, count: 1 },
      { ...a, metric: 'reaction', kind: 'veryGood', hour: 5, count: 2 },
    ]);
  });
});
