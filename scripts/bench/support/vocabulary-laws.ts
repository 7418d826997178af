/** Least-squares line y = intercept + slope·x, and its r²: the fit of Heaps' and Zipf's laws in log–log space. */
export const fitLine = (x: readonly number[], y: readonly number[]): { slope: number; intercept: number; r2: number } => {
  if (x.length !== y.length || x.length < 2) throw new Error('fitLine needs two equally long series of at least 2 points');
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (x[i] - meanX) ** 2;
    sxy += (x[i] - meanX) * (y[i] - meanY);
    syy += (y[i] - meanY) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
};
