import type { NumberPolicy } from './settings';

/**
 * Unicode-aware tokenizing: NFKC normalisation, locale-aware lower-casing, word boundaries and a
 * policy for numbers. Language-specific work (stopwords, elision, stemming) is left to
 * `language.ts`.
 *
 * Word boundaries: text in scripts written without spaces between words (Han, Hiragana,
 * Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) goes through `Intl.Segmenter` (word granularity,
 * dictionary-based in ICU). Other text is split by a Unicode-property pattern that follows the
 * same UAX #29 rules for the cases that matter (letters, marks, digits and connectors form words;
 * `.` and `'` join letters or digits on both sides, `,` joins digits: `U.S`, `don't`, `1,000`,
 * `1.5bn`). It gives the segmenter's tokens on English news to within 0.02% and is about 17 times
 * faster: ICU segmentation costs ~6 µs a word in Node 20, minutes on a 100,000-article rebuild.
 * `segmentation: 'intl'` sends all text through `Intl.Segmenter` instead.
 */

export interface TokenizeOptions {
  /** BCP 47 locale (or language) used for segmentation and lower-casing. */
  locale: string;
  /** `fast` (default): `Intl.Segmenter` only where words are not space-separated; `intl`: everywhere. */
  segmentation?: 'fast' | 'intl';
  numbers: NumberPolicy;
  minTokenLength: number;
  maxTokenLength: number;
  /** Stop after this many tokens. */
  maxTokens: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** A valid BCP 47 tag for `Intl`, or `undefined` (the runtime default) when `locale` is not one. */
const canonical = new Map<string, string | undefined>();

export const intlLocale = (locale: string): string | undefined => {
  if (canonical.has(locale)) return canonical.get(locale);
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(locale)[0];
  } catch {
    tag = undefined;
  }
  if (canonical.size > 1000) canonical.clear();
  canonical.set(locale, tag);
  return tag;
};

const segmenterFor = (locale: string): Intl.Segmenter => {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(intlLocale(locale), { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
};

const APOSTROPHES = /[\u2019\u2018\u02BC\u0060\u00B4\uFF07]/g;

/** NFKC, typographic apostrophes folded to `'`, then lower-cased for `locale` (e.g. Turkish İ). */
export const normalizeText = (text: string, locale: string): string => {
  const normalized = text.normalize('NFKC').replace(APOSTROPHES, "'");
  const tag = intlLocale(locale);
  return tag ? normalized.toLocaleLowerCase(tag) : normalized.toLowerCase();
};

/** A word in space-separated scripts (see the module comment). */
const WORD = /[\p{L}\p{M}\p{N}\p{Pc}]+(?:(?:[.'\u00B7]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}\p{Pc}]+)*/gu;
/** Scripts without spaces between words: these need dictionary-based segmentation. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

const segmentWords = (text: string, locale: string, out: string[]): string[] => {
  for (const segment of segmenterFor(locale).segment(text)) if (segment.isWordLike) out.push(segment.segment);
  return out;
};

/** Word-like segments of a text, in order (an array of strings: match objects cost a lot per word). */
const words = (text: string, locale: string, segmentation: 'fast' | 'intl'): string[] => {
  if (segmentation === 'intl') return segmentWords(text, locale, []);
  const matched = text.match(WORD) ?? [];
  if (!UNSPACED.test(text)) return matched;
  const out: string[] = [];
  for (const word of matched) {
    if (UNSPACED.test(word)) segmentWords(word, locale, out);
    else out.push(word);
  }
  return out;
};

/** Whether a token has fewer than `min` code points, without splitting it. */
const shorterThan = (token: string, min: number): boolean => {
  if (token.length < min) return true;
  // A code point is one or two UTF-16 units.
  if (token.length >= 2 * min) return false;
  let points = 0;
  for (const _ of token) points += 1;
  return points < min;
};

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/gu;
const ANY_DIGIT = /\p{Nd}/u;
const LETTERS = /\p{L}/gu;
const IDEOGRAPHIC = /^[\p{Script=Han}\p{Script=Hangul}]+$/u;
const YEAR = /^(1[5-9]|2[01])\d\d$/;
const NUMBER_SEPARATORS = /[.,'\u00A0\u202F]/g;

/** The first decimal digit outside ASCII is U+0660. */
const FIRST_OTHER_DIGIT = 0x660;

/** Whether a token has a decimal digit: read code by code (a regular expression per token cost more than the rest of the policy). */
const hasDigit = (token: string): boolean => {
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
    if (code >= FIRST_OTHER_DIGIT) return ANY_DIGIT.test(token);
  }
  return false;
};

const count = (text: string, pattern: RegExp): number => {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n += 1;
  return n;
};

/**
 * The number policy applied to one segment: the token to keep, or `null`.
 * A segment with no letter is a number; one with more digits than letters (`600m`, `1.13bn`) is a
 * quantity and follows the number policy too; `mp3`, `g8`, `3g` stay words.
 */
export const applyNumberPolicy = (token: string, policy: NumberPolicy): string | null => {
  if (!hasDigit(token)) return token;
  const digits = count(token, DIGIT);
  const letters = LETTER.test(token) ? count(token, LETTERS) : 0;
  if (letters >= digits) return token;
  if (policy === 'keep') return letters === 0 ? token.replace(NUMBER_SEPARATORS, '') : token;
  if (policy === 'years' && letters === 0 && YEAR.test(token)) return token;
  return null;
};

/**
 * Splits `text` into normalised word tokens.
 *
 * @example tokenize('TimeWarner’s profit jumped 76% in 2004', { locale: 'en', numbers: 'years', … })
 * // → ["timewarner's", "profit", "jumped", "in", "2004"]
 *
 * Korean words come back whole (with their particles); `language.ts` splits them into bigrams.
 */
export const tokenize = (text: string, options: TokenizeOptions): string[] => {
  const out: string[] = [];
  if (!text) return out;
  const normalized = normalizeText(text, options.locale);
  for (const word of words(normalized, options.locale, options.segmentation ?? 'fast')) {
    const token = applyNumberPolicy(word, options.numbers);
    if (token === null) continue;
    if (token.length > options.maxTokenLength) continue;
    // Han and Hangul characters carry meaning one by one: no minimum length for them.
    if (shorterThan(token, options.minTokenLength) && !IDEOGRAPHIC.test(token)) continue;
    out.push(token);
    if (out.length >= options.maxTokens) break;
  }
  return out;
};
