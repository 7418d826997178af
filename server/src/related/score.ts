import type { RelatedSettings } from './settings';
import type { DenseScratch } from './vector';

/** Scoring: similarity of two profiles, and the recency preference applied on top. */

export const DAY_MS = 86_400_000;

/**
 * Cosine similarity of a candidate's profile with the query profile loaded in `query`. Both are
 * unit vectors, so this is their dot product, in [0, 1]. `from`/`to` select the candidate's run
 * when `candidate` is an arena holding many profiles, whose weights are `weights[i] × scale`.
 */
export const similarity = (
  query: DenseScratch,
  candidate: { ids: Uint32Array; weights: ArrayLike<number>; scale?: number },
  from = 0,
  to = candidate.ids.length,
): number => {
  const { values, seen } = query;
  const { ids, weights } = candidate;
  let dot = 0;
  for (let i = from; i < to; i += 1) {
    const id = ids[i];
    // Most of a candidate's terms are not the query's: a byte per term (past the end: undefined)
    // rejects them without reading the larger `values`.
    if (seen[id] === 1) dot += values[id] * weights[i];
  }
  return Math.min(1, Math.max(0, dot * (candidate.scale ?? 1)));
};

/**
 * The recency factor, `(1 − w) + w · 2^(−|Δt| / halfLife)`, Δt being the gap between the two
 * articles' publication times: 1 for articles published together, falling towards `1 − w`. It
 * depends on the pair only, not on the current time, so stored lists stay valid as time passes and
 * the score is symmetric. Unknown dates count as no gap.
 */
export const recencyFactor = (a: number | null, b: number | null, settings: RelatedSettings): number => {
  const { weight, halfLifeDays } = settings.recency;
  if (weight <= 0 || a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return 1;
  const gapDays = Math.abs(a - b) / DAY_MS;
  const decay = halfLifeDays > 0 ? Math.pow(2, -gapDays / halfLifeDays) : gapDays === 0 ? 1 : 0;
  return 1 - weight + weight * decay;
};

/** A score as reported and stored: 4 decimals. */
export const roundScore = (score: number): number => Math.round(score * 1e4) / 1e4;
