import type { CorpusStats } from './corpus-stats';
import type { RelatedSettings } from './settings';
import { strongestKeys, type DenseScratch, type SparseVector } from './vector';

/**
 * A document's term vector: each term weighed by BM25 saturation × IDF against the corpus
 * statistics, unit length. Read in place from the document store's arenas, through reused
 * buffers: the loops here run for every candidate of every query and profile.
 */

/** What weighing needs of the corpus statistics (a helper thread has a frozen copy). */
export type WeightStats = Pick<CorpusStats, 'lengthNorm' | 'idfTable'>;

/** A document's terms as the index keeps them: ids ascending, frequencies × `tfScale`, length. */
export interface DocTerms {
  ids: ArrayLike<number>;
  tf: ArrayLike<number>;
  /** Multiplier turning `tf` entries into weighted frequencies (stored ones are fixed-point). */
  tfScale: number;
  length: number;
}

/**
 * Terms of documents at `[from, to)` of shared arrays: a document's own arrays (`DocTerms`) or
 * the document store's arena, read in place so that the hot loops allocate nothing.
 */
export interface TermRun {
  ids: ArrayLike<number>;
  tf: ArrayLike<number>;
  tfScale: number;
}

/** Writes the weight of the run's terms into `out[0…]`; returns their sum of squares. */
const weighRun = (run: TermRun, from: number, to: number, length: number, stats: WeightStats, settings: RelatedSettings, out: Float64Array): number => {
  const { k1, b } = settings.bm25;
  const norm = stats.lengthNorm(length, k1, b);
  const idf = stats.idfTable(settings.minDocFreq);
  const { ids, tf, tfScale } = run;
  let sum = 0;
  for (let i = from; i < to; i += 1) {
    const id = ids[i];
    const frequency = tf[i] * tfScale;
    // `CorpusStats.weight`, its IDF factor read from the table.
    const weight = id < idf.length ? ((frequency * (k1 + 1)) / (frequency + norm)) * idf[id] : 0;
    out[i - from] = weight;
    sum += weight * weight;
  }
  return sum;
};

/** Writes the weight of every term of `doc` into `out`; returns their sum of squares. */
const weighTerms = (doc: DocTerms, stats: WeightStats, settings: RelatedSettings, out: Float64Array): number =>
  weighRun(doc, 0, doc.ids.length, doc.length, stats, settings, out);

let weightBuffer = new Float64Array(1024);
const buffer = (n: number): Float64Array => {
  if (weightBuffer.length < n) weightBuffer = new Float64Array(Math.max(n, weightBuffer.length * 2));
  return weightBuffer;
};

/**
 * Cosine between the term vector of the document at `[from, to)` of `run` (of norm `norm`, as
 * returned by `baseVector`) and a unit vector loaded in `query`: only the terms the query has are
 * weighted.
 */
export const cosineWithLoaded = (
  run: TermRun,
  from: number,
  to: number,
  length: number,
  norm: number,
  stats: WeightStats,
  settings: RelatedSettings,
  query: DenseScratch,
): number => {
  if (!(norm > 0)) return 0;
  const { k1, b } = settings.bm25;
  const lengthNorm = stats.lengthNorm(length, k1, b);
  const idf = stats.idfTable(settings.minDocFreq);
  const { values, seen } = query;
  const { ids, tf, tfScale } = run;
  let dot = 0;
  for (let i = from; i < to; i += 1) {
    const id = ids[i];
    // Most of a document's terms are not the query's: one byte read (past the end: undefined) rejects them.
    if (seen[id] === 1 && id < idf.length) {
      const frequency = tf[i] * tfScale;
      dot += values[id] * (((frequency * (k1 + 1)) / (frequency + lengthNorm)) * idf[id]);
    }
  }
  return dot / norm;
};

/** The norm `baseVector` would divide by, without building the vector. */
export const baseNorm = (doc: DocTerms, stats: WeightStats, settings: RelatedSettings): number =>
  Math.sqrt(weighTerms(doc, stats, settings, buffer(doc.ids.length)));

/**
 * Adds `scale` × the unit term vector of the document at `[from, to)` of `run` into `scratch`
 * (without building it); returns its norm.
 */
export const addUnitTerms = (
  run: TermRun,
  from: number,
  to: number,
  length: number,
  stats: WeightStats,
  settings: RelatedSettings,
  scratch: DenseScratch,
  scale = 1,
): number => {
  const weights = buffer(to - from);
  const norm = Math.sqrt(weighRun(run, from, to, length, stats, settings, weights));
  if (norm === 0) return 0;
  const { ids } = run;
  let top = 0;
  for (let i = from; i < to; i += 1) if (ids[i] > top) top = ids[i];
  scratch.ensure(top + 1);
  const factor = scale / norm;
  for (let i = from; i < to; i += 1) if (weights[i - from] > 0) scratch.add(ids[i], weights[i - from] * factor);
  return norm;
};

/**
 * Writes the document's unit term weights into `out`, at the same positions as its run in
 * `run` (a full pass then weighs every document once); returns its norm.
 */
export const writeUnitWeights = (
  run: TermRun,
  from: number,
  to: number,
  length: number,
  stats: WeightStats,
  settings: RelatedSettings,
  out: Float32Array,
): number => {
  const weights = buffer(to - from);
  const norm = Math.sqrt(weighRun(run, from, to, length, stats, settings, weights));
  const scale = norm > 0 ? 1 / norm : 0;
  for (let i = from; i < to; i += 1) out[i] = weights[i - from] * scale;
  return norm;
};

let positionBuffer = new Int32Array(1024);
let valueBuffer = new Float64Array(1024);
let takenBuffer = new Uint8Array(1024);

/**
 * A document's unit-length term vector over all its weighted terms, and its norm. Its first
 * `head` entries are its strongest terms, strongest first (ties by lower id); the others follow
 * in id order. Callers read a prefix or load the whole: sorting it all cost more than the rest.
 */
export const baseVector = (doc: DocTerms, stats: WeightStats, settings: RelatedSettings, head: number): { vector: SparseVector; norm: number } => {
  const n = doc.ids.length;
  const weights = buffer(n);
  const norm = Math.sqrt(weighTerms(doc, stats, settings, weights));
  const scale = norm > 0 ? 1 / norm : 0;
  if (positionBuffer.length < n) [positionBuffer, valueBuffer, takenBuffer] = [new Int32Array(n), new Float64Array(n), new Uint8Array(n)];
  const positions = positionBuffer;
  let count = 0;
  for (let i = 0; i < n; i += 1) if (weights[i] > 0) positions[count++] = i;
  // Positions follow ids, so ties by lower position are ties by lower id.
  const front = strongestKeys(positions, count, weights, head, valueBuffer);
  const vector: SparseVector = { ids: new Uint32Array(count), weights: new Float32Array(count) };
  let at = 0;
  const put = (from: number): void => {
    vector.ids[at] = doc.ids[from];
    vector.weights[at] = weights[from] * scale;
    at += 1;
  };
  for (const from of front) {
    put(from);
    takenBuffer[from] = 1;
  }
  for (let i = 0; i < count; i += 1) if (takenBuffer[positions[i]] === 0) put(positions[i]);
  for (const from of front) takenBuffer[from] = 0;
  return { vector, norm };
};
