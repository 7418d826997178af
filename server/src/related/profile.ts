import { analyzeFields, analyzerSignature, type ArticleFields } from './analyze';
import type { RelatedSettings } from './settings';
import type { SparseVector } from './vector';

/**
 * A document's profile: its analysed, storable form (`ArticleProfile`), and its smoothed vector in
 * storable form (`StoredVector`, as `LocaleIndex` computes it).
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

/** A sparse vector in storable form. */
export const storeVector = (vector: SparseVector, termOf: (id: number) => string, corpusSize: number, mates: Array<[string, number]> = []): StoredVector => ({
  terms: Array.from(vector.ids, termOf),
  // Nine significant digits restore the same 32-bit float, in about half the JSON.
  weights: Array.from(vector.weights, (weight) => Number(weight.toPrecision(9))),
  corpusSize,
  ...(mates.length > 0 ? { mates: [...mates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, weight]): [string, number] => [id, Number(weight.toPrecision(9))]) } : {}),
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
