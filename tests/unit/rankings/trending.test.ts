import { trendScore } from '../../../server/src/rankings/trending';

const spans = { recentHours: 6, baselineHours: 18 };

describe('trend score', () => {
  it('is about zero for an article as popular now as before', () => {
    expect(trendScore({ recent: 600, baseline: 1800 }, spans, 10)).toBeCloseTo(0);
  });

  it('prefers a rising article to a steadily popular one', () => {
    const rising = trendScore({ recent: 300, baseline: 36 }, spans, 10);
    const steady = trendScore({ recent: 620, baseline: 1800 }, spans, 10);
    expect(rising).toBeGreaterThan(steady);
  });

  it('does not let a handful of views on a quiet article win', () => {
    const tiny = trendScore({ recent: 2, baseline: 0 }, spans, 10);
    const rising = trendScore({ recent: 300, baseline: 36 }, spans, 10);
    expect(tiny).toBeLessThan(1);
    expect(rising).toBeGreaterThan(10 * tiny);
  });

  it('is negative for a falling article', () => {
    expect(trendScore({ recent: 10, baseline: 1800 }, spans, 10)).toBeLessThan(0);
  });
});
