import { DAY_MS, recencyFactor, roundScore, similarity } from '../../../server/src/related/score';
import { resolveRelatedSettings } from '../../../server/src/related/settings';
import { DenseScratch } from '../../../server/src/related/vector';

describe('recencyFactor', () => {
  const settings = resolveRelatedSettings({ recency: { weight: 0.2, halfLifeDays: 30 } });
  const t0 = Date.UTC(2024, 0, 1);

  it('is 1 for articles published together and halves the preferred part every half-life', () => {
    expect(recencyFactor(t0, t0, settings)).toBe(1);
    expect(recencyFactor(t0, t0 + 30 * DAY_MS, settings)).toBeCloseTo(0.8 + 0.2 * 0.5, 12);
    expect(recencyFactor(t0 + 60 * DAY_MS, t0, settings)).toBeCloseTo(0.8 + 0.2 * 0.25, 12);
    expect(recencyFactor(t0, t0 + 10000 * DAY_MS, settings)).toBeCloseTo(0.8, 6);
  });

  it('is symmetric, and neutral for unknown dates or a zero weight', () => {
    expect(recencyFactor(t0, t0 + 7 * DAY_MS, settings)).toBe(recencyFactor(t0 + 7 * DAY_MS, t0, settings));
    expect(recencyFactor(null, t0, settings)).toBe(1);
    expect(recencyFactor(t0, null, settings)).toBe(1);
    expect(recencyFactor(t0, t0 + 400 * DAY_MS, resolveRelatedSettings({ recency: { weight: 0, halfLifeDays: 30 } }))).toBe(1);
  });

  it('prefers the nearer of two equally similar articles', () => {
    expect(recencyFactor(t0, t0 + 2 * DAY_MS, settings)).toBeGreaterThan(recencyFactor(t0, t0 + 200 * DAY_MS, settings));
  });
});

describe('similarity', () => {
  it('is the dot product of unit vectors, clamped to [0, 1]', () => {
    const query = new DenseScratch();
    query.load({ ids: Uint32Array.of(1, 2), weights: Float32Array.of(0.6, 0.8) });
    expect(similarity(query, { ids: Uint32Array.of(2, 3), weights: Float32Array.of(0.5, 0.5) })).toBeCloseTo(0.4, 6);
    expect(similarity(query, { ids: Uint32Array.of(1, 2), weights: Float32Array.of(0.6, 0.8) })).toBeCloseTo(1, 6);
    expect(similarity(query, { ids: Uint32Array.of(7), weights: Float32Array.of(1) })).toBe(0);
    expect(roundScore(0.123456)).toBe(0.1235);
  });
});
