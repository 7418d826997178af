import { analyzeFields, defaultRelatedSettings } from '../../../server/src/related';
import { BBC_NEWS_LAWS, createCorpus, defaultShape, type SyntheticArticle } from '../../../scripts/bench/support/synthetic-articles';

/** The benchmarks' corpus: the same articles on every run, and a vocabulary that grows as Heaps' law says. */
describe('synthetic news corpus', () => {
  const shape = defaultShape();

  const text = (article: SyntheticArticle): string => [article.title, article.dek, ...article.paragraphs].join('\n\n');

  it('gives the same article for the same seed and index, whatever was asked before', () => {
    const first = createCorpus(42, shape);
    const second = createCorpus(42, shape);
    const late = second(5000);
    expect(second(3)).toEqual(first(3));
    expect(first(5000)).toEqual(late);
    expect(createCorpus(43, shape)(3)).not.toEqual(first(3));
    // A follow-up of a given story is that story's article.
    expect(first(9000, late.story)).toMatchObject({ story: late.story, section: late.section });
  });

  it("keeps a story's articles within one window of consecutive articles", () => {
    const corpus = createCorpus(42, shape);
    const windows = new Map<number, Set<number>>();
    for (let index = 0; index < 3 * shape.storyWindow; index += 1) {
      const { story } = corpus(index);
      windows.set(story, (windows.get(story) ?? new Set()).add(Math.floor(index / shape.storyWindow)));
    }
    expect([...windows.values()].every((seen) => seen.size === 1)).toBe(true);
    const sizes = [...windows.keys()].length;
    expect((3 * shape.storyWindow) / sizes).toBeGreaterThan(shape.meanStorySize / 2);
    expect((3 * shape.storyWindow) / sizes).toBeLessThan(shape.meanStorySize * 2);
  });

  it("has the distinct analysed terms Heaps' law fitted on BBC News expects, at two sizes", () => {
    const corpus = createCorpus(42, shape);
    const seen = new Set<string>();
    let tokens = 0;
    const measured: { tokens: number; distinct: number }[] = [];
    for (let index = 0; index < 1600; index += 1) {
      const { counts } = analyzeFields({ body: text(corpus(index)) }, 'en', defaultRelatedSettings);
      for (const term of counts.terms) seen.add(term);
      tokens += counts.length;
      if (index + 1 === 200 || index + 1 === 1600) measured.push({ tokens, distinct: seen.size });
    }
    const expected = (at: number): number => BBC_NEWS_LAWS.heapsK * at ** BBC_NEWS_LAWS.heapsBeta;
    for (const point of measured) expect(Math.abs(point.distinct / expected(point.tokens) - 1)).toBeLessThan(0.1);
    const [small, large] = measured;
    const slope = Math.log(large.distinct / small.distinct) / Math.log(large.tokens / small.tokens);
    expect(Math.abs(slope - BBC_NEWS_LAWS.heapsBeta)).toBeLessThan(0.05);
  });
});
