import { sectionWithDescendants } from '../../../server/src/rankings/sections';
import { selectEntries, type RankedArticle, type RankingRule } from '../../../server/src/rankings/select';

const article = (documentId: string, sectionId: string | null = 'news', publicationTime = 0): [string, RankedArticle] => [
  documentId,
  { documentId, sectionId, publicationTime },
];
const published = new Map([article('a'), article('b', 'sport'), article('c', 'world', 5), article('d', 'world', 9), article('e')]);
const figures = new Map([
  ['a', 50],
  ['b', 40],
  ['c', 10],
  ['d', 10],
  ['gone', 99],
  ['e', 0],
]);
const rule = (change: Partial<RankingRule> = {}): RankingRule => ({ kind: 'most-viewed', size: 10, pinned: [], excluded: [], scope: null, ...change });
const ids = (entries: Array<{ documentId: string }>) => entries.map((entry) => entry.documentId);

describe('ranking selection', () => {
  it('orders by figure, newest first on ties, and lists only published articles that scored', () => {
    expect(ids(selectEntries(rule(), figures, published))).toEqual(['a', 'b', 'd', 'c']);
  });

  it('puts pins first in their order, never shows excluded articles, and stops at the size', () => {
    const entries = selectEntries(rule({ size: 3, pinned: ['e', 'c', 'gone'], excluded: ['a'] }), figures, published);
    expect(entries).toEqual([
      { documentId: 'e', pinned: true, figure: 0 },
      { documentId: 'c', pinned: true, figure: 10 },
      { documentId: 'b', pinned: false, figure: 40 },
    ]);
    expect(ids(selectEntries(rule({ pinned: ['a'], excluded: ['a'] }), figures, published))).not.toContain('a');
  });

  it('keeps a section-scoped ranking to the section and its sub-sections', () => {
    const parents = new Map<string, string | null>([
      ['news', null],
      ['world', 'news'],
      ['asia', 'world'],
      ['sport', null],
    ]);
    const scope = sectionWithDescendants('news', parents);
    expect([...scope].sort()).toEqual(['asia', 'news', 'world']);
    expect(ids(selectEntries(rule({ scope }), figures, published))).toEqual(['a', 'd', 'c']);
  });

  it("fills editors' picks with pins only, without figures", () => {
    expect(selectEntries(rule({ kind: 'editors-picks', pinned: ['c', 'a'] }), figures, published)).toEqual([
      { documentId: 'c', pinned: true, figure: null },
      { documentId: 'a', pinned: true, figure: null },
    ]);
  });
});
