import * as snowball from 'snowball-stemmers';
import * as stopwordsIso from 'stopwords-iso';
import type { AnalysisSettings } from './settings';
import { normalizeText } from './tokenize';

/**
 * Per-language analysis: stopwords from `stopwords-iso`, Snowball stemmers from
 * `snowball-stemmers`, elision / possessive handling, Korean bigrams. A language without a
 * stemmer (Chinese, Japanese, Greek…) keeps its tokens as they are.
 */

/** ISO 639-1 code → Snowball algorithm. */
const STEMMERS: Readonly<Record<string, string>> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  hu: 'hungarian',
  it: 'italian',
  ga: 'irish',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  es: 'spanish',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

/** Language codes whose stopword list lives under another code in `stopwords-iso`. */
const STOPWORD_ALIASES: Readonly<Record<string, string>> = { nb: 'no', nn: 'no' };

/** Elided articles and prepositions stripped from the front of a word (`l'homme` → `homme`). */
const ELISIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  fr: new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']),
  it: new Set(['l', 'd', 'c', 'un', 'dell', 'dall', 'nell', 'sull', 'all', 'quell', 'sant']),
  ca: new Set(['l', 'd', 'm', 'n', 's', 't']),
  ga: new Set(['d', 'b', 'm']),
};

/** The language code meaning "tokenize only". */
export const NO_LANGUAGE = 'none';

const stopwordCodes = (): string[] => Object.keys(stopwordsIso).filter((code) => Array.isArray(stopwordsIso[code]));

let supported: ReadonlySet<string> | undefined;

/** Every analyzer language a setting may name (plus `none`). */
export const supportedLanguages = (): string[] => {
  supported ??= new Set([...stopwordCodes(), ...Object.keys(STEMMERS), NO_LANGUAGE]);
  return [...supported].sort();
};

const isSupported = (code: string): boolean => {
  if (!supported) supportedLanguages();
  return (supported as ReadonlySet<string>).has(code);
};

/** The analyzer language for a Strapi locale: explicit mapping, else primary subtag, else default. */
export const resolveLanguage = (locale: string | null | undefined, settings: AnalysisSettings): string => {
  if (locale) {
    const mapped = settings.languages[locale];
    if (mapped && isSupported(mapped)) return mapped;
    const primary = locale.toLowerCase().split(/[-_]/)[0];
    if (isSupported(primary)) return primary;
  }
  return isSupported(settings.defaultLanguage) ? settings.defaultLanguage : NO_LANGUAGE;
};

const HANGUL = /^\p{Script=Hangul}+$/u;

/** Overlapping character bigrams of a Hangul word (Korean glues particles onto words). */
export const hangulBigrams = (word: string): string[] => {
  const chars = Array.from(word);
  if (chars.length <= 2) return [word];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
  return out;
};

const STEM_CACHE_LIMIT = 200_000;
/** Stems learned in advance fill half the cache at most: new words still have room. */
export const STEM_PRIME_LIMIT = STEM_CACHE_LIMIT / 2;

/** One analyzer language. Instances are cached: get them from `languageFor`. */
export class Language {
  readonly code: string;
  /** The Snowball algorithm, or `null` when tokens are not stemmed. */
  readonly stemmerName: string | null;
  private readonly stopwords: ReadonlySet<string>;
  private readonly stemmer: snowball.SnowballStemmer | null;
  private readonly elisions: ReadonlySet<string> | undefined;
  private readonly possessive: boolean;
  private readonly stems = new Map<string, string>();

  constructor(code: string, extraStopwords: readonly string[] = [], keepWords: readonly string[] = []) {
    this.code = code;
    const listCode = STOPWORD_ALIASES[code] ?? code;
    const list = code === NO_LANGUAGE ? [] : (stopwordsIso[listCode] ?? []);
    const keep = new Set(keepWords.map((word) => normalizeText(word, code)));
    this.stopwords = new Set([...list, ...extraStopwords].map((word) => normalizeText(word, code)).filter((word) => !keep.has(word)));
    const algorithm = STEMMERS[code];
    this.stemmerName = algorithm && snowball.algorithms().includes(algorithm) ? algorithm : null;
    this.stemmer = this.stemmerName ? snowball.newStemmer(this.stemmerName) : null;
    this.elisions = ELISIONS[code];
    this.possessive = code === 'en';
  }

  isStopword(word: string): boolean {
    return this.stopwords.has(word);
  }

  /** Strips elisions (`l'` in French…) and the English possessive (`blair's` → `blair`). */
  prepare(token: string): string {
    const apostrophe = token.indexOf("'");
    if (apostrophe < 0) return token;
    if (this.elisions && apostrophe > 0 && this.elisions.has(token.slice(0, apostrophe))) {
      return token.slice(apostrophe + 1);
    }
    if (this.possessive) {
      if (token.endsWith("'s")) return token.slice(0, -2);
      if (token.endsWith("'")) return token.slice(0, -1);
    }
    return token;
  }

  /** The stem of a prepared, lower-case word (memoised). */
  stem(word: string): string {
    if (!this.stemmer) return word;
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = this.stemmer.stem(word) || word;
      if (this.stems.size >= STEM_CACHE_LIMIT) this.stems.clear();
      this.stems.set(word, stem);
    }
    return stem;
  }

  /** Remembers stems known from elsewhere (`[word, stem]`, as `stem` gives them); returns how many were new. */
  learnStems(pairs: Iterable<readonly [string, string]>): number {
    if (!this.stemmer) return 0;
    let learned = 0;
    for (const [word, stem] of pairs) {
      if (this.stems.size >= STEM_PRIME_LIMIT) break;
      if (this.stems.has(word)) continue;
      this.stems.set(word, stem);
      learned += 1;
    }
    return learned;
  }

  /**
   * The index terms of one token, each with the readable form it came from; stopwords give none.
   * Korean words give their bigrams.
   */
  terms(token: string, emit: (term: string, surface: string) => void): void {
    const word = this.prepare(token);
    if (!word || this.stopwords.has(word) || this.stopwords.has(token)) return;
    if (HANGUL.test(word)) {
      for (const bigram of hangulBigrams(word)) emit(bigram, bigram);
      return;
    }
    emit(this.stem(word), word);
  }
}

const languages = new Map<string, Language>();

/** The (cached) analyzer for a language code, with the stopword adjustments from the settings. */
export const languageFor = (code: string, settings: AnalysisSettings): Language => {
  const extra = settings.extraStopwords[code] ?? [];
  const keep = settings.keepWords[code] ?? [];
  const key = `${code}\u0000${extra.join('\u0001')}\u0000${keep.join('\u0001')}`;
  let language = languages.get(key);
  if (!language) {
    language = new Language(code, extra, keep);
    languages.set(key, language);
  }
  return language;
};
