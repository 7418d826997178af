import { analyzeFields, analyzerSignature, type ArticleFields } from './analyze';
import type { CorpusStats } from './corpus-stats';
import type { RelatedSettings } from './settings';
import type { DenseScratch, SparseVector } from './vector';

/**
 * A document's profile: its analysed, storable form (`ArticleProfile`), its term-weighted vector
 * (BM25 saturation × IDF, unit length) and its smoothed "more like this" vector — the document's
 * own vector plus the centroid of its nearest neighbours, pruned to its top terms — which is what
 * the inverted index holds and what similarity is computed on.
 */

/** An article as the engine indexes it. */
export interface IndexableArticle extends ArticleFields {
  /** Unique across locales (e.g. `documentId` + locale). */
  id: string;
  /** Only articles of the same locale are ever related. */
  locale?: string | null;
  /** The section's id, for the per-section cap (the name goes in `sectionName`). */
  section?: string | number | null;
  /** Publication time, ms since the epoch. */
  publishedAt?: number | string | Date | null;
  /** "Never list this article as related elsewhere". */
  neverListElsewhere?: boolean;
}

/** A smoothed vector as stored: term strings instead of process-local ids. */
export interface StoredVector {
  terms: string[];
  weights: number[];
  /** Corpus size when it was computed (old vectors are recomputed as the corpus grows). */
  corpusSize: number;
}

/**
 * The analysed article: JSON-safe, corpus-independent (except the optional `vector`), enough to
 * restore the article in the index without re-reading or re-analysing it.
 */
export interface ArticleProfile {
  format: 1;
  id: string;
  locale: string;
  /** Analyzer language code (`en`, `fr`, `none`…). */
  language: string;
  /** `analyzerSignature` of the settings used; a profile with another signature must be re-analysed. */
  analyzer: string;
  section: string | null;
  publishedAt: number | null;
  neverListElsewhere: boolean;
  terms: string[];
  tf: number[];
  display: string[];
  length: number;
  /** The smoothed vector, present in profiles exported after indexing (`exportProfile`). */
  vector?: StoredVector;
}

/** The locale of documents that have none. */
export const DEFAULT_LOCALE = '';

const toTime = (value: IndexableArticle['publishedAt']): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(time) ? time : null;
};

/** Analyses an article into its storable profile. */
export const createProfile = (article: IndexableArticle, settings: RelatedSettings): ArticleProfile => {
  const locale = article.locale ?? DEFAULT_LOCALE;
  const { language, counts } = analyzeFields(article, locale, settings);
  return {
    format: 1,
    id: String(article.id),
    locale,
    language,
    analyzer: analyzerSignature(language, settings),
    section: article.section === null || article.section === undefined || article.section === '' ? null : String(article.section),
    publishedAt: toTime(article.publishedAt),
    neverListElsewhere: article.neverListElsewhere === true,
    terms: counts.terms,
    tf: counts.tf,
    display: counts.display,
    length: counts.length,
  };
};

/** A document's terms as the index keeps them: ids ascending, weighted frequencies, length. */
export interface DocTerms {
  ids: ArrayLike<number>;
  tf: ArrayLike<number>;
  length: number;
}

/** The weight of one term in a document: BM25 saturation × smoothed IDF, 0 below `minDocFreq`. */
export const termWeight = (id: number, tf: number, length: number, stats: CorpusStats, settings: RelatedSettings): number =>
  stats.docFreq(id) < settings.minDocFreq ? 0 : stats.saturate(tf, length, settings.bm25.k1, settings.bm25.b) * stats.idf(id);

/**
 * Cosine between a document's term vector, of norm `norm` (as returned by `baseVector`), and a
 * unit vector loaded in `query`: only the terms the query has are weighted.
 */
export const cosineWithLoaded = (
  doc: DocTerms,
  norm: number,
  stats: CorpusStats,
  settings: RelatedSettings,
  query: DenseScratch,
): number => {
  if (!(norm > 0)) return 0;
  let dot = 0;
  for (let i = 0; i < doc.ids.length; i += 1) {
    const q = query.get(doc.ids[i]);
    if (q !== 0) dot += q * termWeight(doc.ids[i], doc.tf[i], doc.length, stats, settings);
  }
  return dot / norm;
};

/** The norm `baseVector` would divide by, without building the vector. */
export const baseNorm = (doc: DocTerms, stats: CorpusStats, settings: RelatedSettings): number => {
  let sum = 0;
  for (let i = 0; i < doc.ids.length; i += 1) {
    const weight = termWeight(doc.ids[i], doc.tf[i], doc.length, stats, settings);
    sum += weight * weight;
  }
  return Math.sqrt(sum);
};

/**
 * A document's unit-length term vector over all its weighted terms, strongest first (or in id
 * order with `sorted: false`, cheaper when only summed), and the norm it was divided by.
 */
export const baseVector = (
  doc: DocTerms,
  stats: CorpusStats,
  settings: RelatedSettings,
  sorted = true,
): { vector: SparseVector; norm: number } => {
  const n = doc.ids.length;
  const ids = new Uint32Array(n);
  const weights = new Float64Array(n);
  let k = 0;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    const weight = termWeight(doc.ids[i], doc.tf[i], doc.length, stats, settings);
    if (weight <= 0) continue;
    ids[k] = doc.ids[i];
    weights[k] = weight;
    sum += weight * weight;
    k += 1;
  }
  const norm = Math.sqrt(sum);
  const scale = norm > 0 ? 1 / norm : 0;
  const vector: SparseVector = { ids: new Uint32Array(k), weights: new Float32Array(k) };
  if (!sorted) {
    vector.ids.set(ids.subarray(0, k));
    for (let i = 0; i < k; i += 1) vector.weights[i] = weights[i] * scale;
    return { vector, norm };
  }
  const order = Array.from({ length: k }, (_, i) => i);
  order.sort((a, b) => weights[b] - weights[a] || ids[a] - ids[b]);
  order.forEach((from, i) => {
    vector.ids[i] = ids[from];
    vector.weights[i] = weights[from] * scale;
  });
  return { vector, norm };
};

/**
 * The smoothed profile vector: `unit(own + weight × unit(Σ neighbours))` pruned to the
 * `profileTerms` strongest terms, then unit length again. `own` and `neighbours` are unit term
 * vectors; `work` is cleared before and after.
 */
export const expandProfile = (
  own: SparseVector,
  neighbours: readonly SparseVector[],
  settings: RelatedSettings,
  work: DenseScratch,
): SparseVector => {
  work.clear();
  const { weight } = settings.expansion;
  if (neighbours.length > 0 && weight > 0) {
    // The neighbours' centroid direction, scaled to `weight`.
    for (const neighbour of neighbours) work.load(neighbour);
    const length = work.norm();
    if (length > 0) {
      const scale = weight / length;
      for (let i = 0; i < work.count; i += 1) work.values[work.touched[i]] *= scale;
    } else work.clear();
  }
  work.load(own);
  const vector = work.top(settings.profileTerms);
  work.clear();
  return vector;
};

/** A sparse vector in storable form. */
export const storeVector = (vector: SparseVector, termOf: (id: number) => string, corpusSize: number): StoredVector => ({
  terms: Array.from(vector.ids, termOf),
  weights: Array.from(vector.weights),
  corpusSize,
});

/** Checks the shape of a profile read back from storage (it may be old or hand-edited). */
export const isArticleProfile = (value: unknown): value is ArticleProfile => {
  if (!value || typeof value !== 'object') return false;
  const profile = value as Partial<ArticleProfile>;
  return (
    profile.format === 1 &&
    typeof profile.id === 'string' &&
    typeof profile.locale === 'string' &&
    Array.isArray(profile.terms) &&
    Array.isArray(profile.tf) &&
    profile.terms.length === profile.tf.length &&
    typeof profile.length === 'number'
  );
};
