/**
 * How far an article's recent views exceed what its own earlier rate predicts, in standard
 * deviations of a Poisson count: (recent − expected) / √(expected + smoothing). A steady article
 * scores about 0 however popular; a quiet one with a few views scores little, because the
 * smoothing stands in for views it might as well have had.
 */
export const trendScore = (counts: { recent: number; baseline: number }, spans: { recentHours: number; baselineHours: number }, smoothing: number): number => {
  const expected = (counts.baseline / spans.baselineHours) * spans.recentHours;
  return (counts.recent - expected) / Math.sqrt(expected + smoothing);
};
