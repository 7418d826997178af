import { languageFor, resolveLanguage, type Language } from './language';
import type { FieldWeights, RelatedSettings } from './settings';
import { normalizeText, tokenize } from './tokenize';

/**
 * Turns an article's fields into weighted term frequencies: every field is tokenized, stopped and
 * stemmed, and each occurrence counts the field's weight. Corpus-independent, so the result can be
 * stored and reused (see `ArticleProfile`).
 */

/** The text fields of an article the engine reads. */
export interface ArticleFields {
  title?: string | null;
  /** Standfirst. */
  dek?: string | null;
  /** Body as plain text (blocks flattened by the caller). */
  body?: string | null;
  tags?: readonly string[] | null;
  /** The section's display name (the section id is not text). */
  sectionName?: string | null;
}

/** Weighted term frequencies of one document, terms in code-point order. */
export interface TermCounts {
  terms: string[];
  /** Weighted frequency of each term. */
  tf: number[];
  /** The readable form seen most often for each term ("" when it is the term itself). */
  display: string[];
  /** Sum of the weighted frequencies (the document length used by BM25). */
  length: number;
}

/** Prefix of exact-tag terms (`#north korea`): `#` never occurs inside a word token. */
export const TAG_PREFIX = '#';

interface Accumulator {
  tf: number;
  /** The first form seen and its count; forms seen after it (rare) in `others`. */
  surface: string;
  count: number;
  others: Map<string, number> | undefined;
}

const normalizeTag = (tag: string, locale: string): string => normalizeText(tag, locale).trim().replace(/\s+/gu, ' ');

/** Everything that changes analysis output, for detecting stored profiles made with other settings. */
export const analyzerSignature = (language: string, settings: RelatedSettings): string => {
  const { analysis, fieldWeights } = settings;
  const weights = (['title', 'dek', 'body', 'tags', 'section'] as (keyof FieldWeights)[]).map((field) => fieldWeights[field]);
  const extra = (analysis.extraStopwords[language] ?? []).join(',');
  const keep = (analysis.keepWords[language] ?? []).join(',');
  return [
    'v1',
    language,
    weights.join(','),
    analysis.segmentation,
    analysis.numbers,
    analysis.minTokenLength,
    analysis.maxTokenLength,
    analysis.maxTokens,
    extra,
    keep,
  ].join('|');
};

/**
 * Analyses one article.
 *
 * @param locale the article's locale; picks the analyzer language (see `resolveLanguage`).
 * @returns the analyzer language code and the weighted term frequencies.
 */
export const analyzeFields = (
  fields: ArticleFields,
  locale: string | null | undefined,
  settings: RelatedSettings,
): { language: string; counts: TermCounts } => {
  const code = resolveLanguage(locale, settings.analysis);
  const language: Language = languageFor(code, settings.analysis);
  const segmentLocale = locale || code;
  const acc = new Map<string, Accumulator>();
  let length = 0;
  let budget = settings.analysis.maxTokens;

  const add = (term: string, surface: string, weight: number): void => {
    length += weight;
    const entry = acc.get(term);
    if (!entry) {
      acc.set(term, { tf: weight, surface, count: 1, others: undefined });
      return;
    }
    entry.tf += weight;
    if (surface === entry.surface) entry.count += 1;
    else {
      entry.others ??= new Map();
      entry.others.set(surface, (entry.others.get(surface) ?? 0) + 1);
    }
  };

  const addText = (text: string | null | undefined, weight: number): void => {
    if (!text || weight <= 0 || budget <= 0) return;
    const tokens = tokenize(text, {
      locale: segmentLocale,
      segmentation: settings.analysis.segmentation,
      numbers: settings.analysis.numbers,
      minTokenLength: settings.analysis.minTokenLength,
      maxTokenLength: settings.analysis.maxTokenLength,
      maxTokens: budget,
    });
    budget -= tokens.length;
    const emit = (term: string, surface: string): void => add(term, surface, weight);
    for (const token of tokens) language.terms(token, emit);
  };

  const { fieldWeights } = settings;
  addText(fields.title, fieldWeights.title);
  addText(fields.dek, fieldWeights.dek);
  addText(fields.sectionName, fieldWeights.section);
  for (const tag of fields.tags ?? []) {
    if (typeof tag !== 'string' || fieldWeights.tags <= 0) continue;
    const normalized = normalizeTag(tag, segmentLocale);
    if (!normalized) continue;
    add(TAG_PREFIX + normalized, tag.trim().replace(/\s+/gu, ' '), fieldWeights.tags);
    addText(tag, fieldWeights.tags);
  }
  addText(fields.body, fieldWeights.body);

  const terms = [...acc.keys()].sort();
  const tf: number[] = [];
  const display: string[] = [];
  for (const term of terms) {
    const entry = acc.get(term) as Accumulator;
    tf.push(entry.tf);
    let best = entry.surface;
    let bestCount = entry.count;
    for (const [surface, n] of entry.others ?? []) {
      if (n > bestCount) {
        best = surface;
        bestCount = n;
      }
    }
    display.push(best === term ? '' : best);
  }
  return { language: code, counts: { terms, tf, display, length } };
};
