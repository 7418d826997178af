import { historyCandidates, recommend, type RecommendationSource } from '../../../server/src/reader/recommend';
import type { ArticleCard } from '../../../server/src/reader/types';

const card = (id: string, section: string): ArticleCard => ({
  documentId: id,
  title: id,
  slug: id,
  publicationDate: null,
  section: { documentId: section, slug: section, name: section },
});

const source = (reason: RecommendationSource['reason'], otherSections: boolean, cards: ArticleCard[]): RecommendationSource => ({
  reason,
  otherSections,
  candidates: cards,
});

describe('recommend', () => {
  const picks = source('editors-pick', false, [card('p1', 'news'), card('p2', 'sport')]);
  const trending = source('trending', true, [card('t1', 'news'), card('t2', 'tech'), card('t3', 'tech'), card('t4', 'tech')]);
  const popular = source('popular', true, [card('v1', 'culture'), card('t2', 'tech'), card('v2', 'health')]);

  it('takes turns between the sources, in priority order, without repeats', () => {
    const list = recommend({ sectionId: 'news', exclude: new Set(), sources: [picks, trending, popular], limit: 6 });
    expect(list.map((item) => `${item.documentId}:${item.reason}`)).toEqual([
      'p1:editors-pick',
      't2:trending',
      'v1:popular',
      'p2:editors-pick',
      't3:trending',
      'v2:popular',
    ]);
  });

  it("leaves out the excluded articles and, for trending and popular, the page's own section", () => {
    const list = recommend({ sectionId: 'news', exclude: new Set(['p1', 'v1']), sources: [picks, trending, popular], limit: 10 });
    expect(list.map((item) => item.documentId)).not.toContain('p1');
    expect(list.map((item) => item.documentId)).not.toContain('v1');
    expect(list.map((item) => item.documentId)).not.toContain('t1');
  });

  it('caps one section at a third of the list, then backfills when the sources run short', () => {
    const capped = recommend({ sectionId: null, exclude: new Set(), sources: [trending, popular], limit: 3 });
    expect(capped.filter((item) => item.section?.documentId === 'tech')).toHaveLength(1);
    const backfilled = recommend({
      sectionId: null,
      exclude: new Set(),
      sources: [source('trending', true, [card('a', 'x'), card('b', 'x'), card('c', 'x')])],
      limit: 3,
    });
    expect(backfilled.map((item) => item.documentId)).toEqual(['a', 'b', 'c']);
  });

  it('gives the same list for the same input', () => {
    const input = { sectionId: 'news', exclude: new Set(['t3']), sources: [picks, trending, popular], limit: 5 };
    expect(recommend(input)).toEqual(recommend(input));
  });
});

describe('historyCandidates', () => {
  it("sums the scores of the seen articles' related lists, best first, ties by id", () => {
    expect(
      historyCandidates([
        [
          { documentId: 'a', score: 0.5 },
          { documentId: 'b', score: 0.4 },
        ],
        [
          { documentId: 'b', score: 0.3 },
          { documentId: 'c', score: 0.5 },
        ],
      ]),
    ).toEqual(['b', 'a', 'c']);
  });
});
