import { analyzeFields, analyzerSignature, type ArticleFields } from './analyze';
import type { TermDictionary } from './corpus-stats';
import type { RelatedSettings } from './settings';
import type { SparseVector } from './vector';

/**
 * A document's profile: its analysed, storable form (`ArticleProfile`) and its smoothed vector in
 * storable form (`StoredVector`), and their conversions to and from the index's form (term ids of
 * a locale's dictionary).
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
  /**
   * Each weight as an integer code, `code / scale`. Under a name of their own: an instance of an
   * earlier version (a rolling upgrade) finds no `weights`, and computes the vector again.
   */
  codes?: number[];
  scale?: number;
  /** The weights themselves, as earlier versions stored them. */
  weights?: number[];
  /** Corpus size when it was computed (old vectors are recomputed as the corpus grows). */
  corpusSize: number;
  /** The documents it shares a story edge with, and the pair's cosine (kept at both ends). */
  mates?: Array<[string, number]>;
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

/** A vector as the document store keeps it: each weight an integer code, `code / scale`. */
export interface CodedVector {
  ids: Uint32Array;
  codes: ArrayLike<number>;
  scale: number;
}

/** A coded vector in storable form. */
export const storeVector = (vector: CodedVector, termOf: (id: number) => string, corpusSize: number, mates: Array<[string, number]> = []): StoredVector => ({
  terms: Array.from(vector.ids, termOf),
  // The store's own codes: exact, and written and read far faster than decimals.
  codes: Array.from(vector.codes),
  scale: vector.scale,
  corpusSize,
  ...(mates.length > 0
    ? { mates: [...mates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, weight]): [string, number] => [id, Number(weight.toPrecision(9))]) }
    : {}),
});

/** A stored vector in the index's form, strongest first; undefined when it is malformed. */
export const restoreVector = (stored: StoredVector | undefined, dictionary: TermDictionary): SparseVector | undefined => {
  if (!stored || !Array.isArray(stored.terms)) return undefined;
  const coded = stored.codes !== undefined;
  const values = coded ? stored.codes : stored.weights;
  const scale = coded ? stored.scale : 1;
  if (!Array.isArray(values) || values.length !== stored.terms.length) return undefined;
  if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale)) return undefined;
  const rows: { id: number; weight: number }[] = [];
  for (let i = 0; i < stored.terms.length; i += 1) {
    // A code divided as the store decodes it: the same 32-bit float.
    const weight = Math.fround(Number(values[i]) / scale);
    if (weight > 0) rows.push({ id: dictionary.intern(stored.terms[i]), weight });
  }
  // Stable: equal weights keep their stored order, which the computing instance chose by term.
  rows.sort((a, b) => b.weight - a.weight);
  const vector: SparseVector = { ids: new Uint32Array(rows.length), weights: new Float32Array(rows.length) };
  rows.forEach((row, i) => {
    vector.ids[i] = row.id;
    vector.weights[i] = row.weight;
  });
  return vector;
};

/** A profile's term ids ascending (new terms interned), with their frequencies and display forms. */
export const indexedTerms = (profile: ArticleProfile, dictionary: TermDictionary): { ids: Uint32Array; tf: Float32Array; surfaces: string[] } => {
  const n = Math.min(profile.terms.length, 1 << 20);
  // Sort by id through packed numeric keys: id × 2^20 + position.
  const keys = new Float64Array(n);
  const tfs = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i += 1) {
    const tf = Number(profile.tf[i]);
    if (!(tf > 0)) continue;
    const id = dictionary.intern(String(profile.terms[i]));
    keys[k] = id * 1048576 + i;
    tfs[i] = tf;
    k += 1;
  }
  const sorted = keys.subarray(0, k).sort();
  const ids = new Uint32Array(k);
  const tf = new Float32Array(k);
  const surfaces: string[] = new Array<string>(k);
  let previous = -1;
  let m = 0;
  for (let j = 0; j < k; j += 1) {
    const id = Math.floor(sorted[j] / 1048576);
    const at = sorted[j] - id * 1048576;
    if (id === previous) {
      tf[m - 1] += tfs[at];
      continue;
    }
    previous = id;
    ids[m] = id;
    tf[m] = tfs[at];
    surfaces[m] = profile.display?.[at] ?? '';
    m += 1;
  }
  return { ids: ids.subarray(0, m), tf: tf.subarray(0, m), surfaces: surfaces.slice(0, m) };
};

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
