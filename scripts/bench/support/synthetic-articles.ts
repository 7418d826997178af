/**
 * Deterministic synthetic news articles for benchmarks, generated one at a time from their index
 * (nothing is kept: a million articles cost no memory), with a vocabulary that grows the way a
 * news corpus's does.
 *
 * - Words are pseudo-words (syllables), free of any language's stemmer quirks, mixed with English
 *   function words in the share real text has (the analyzer drops them, as it does in news).
 * - Term frequencies follow Zipf's law over a vocabulary whose size grows with the corpus as
 *   Heaps' law says (V = K·T^β, T tokens), so a large corpus has the dictionary, the rare terms
 *   and the posting lists of a large site, not those of a small one read many times.
 * - Articles come in stories: a few articles published close together share named entities and
 *   rare words, some of them new to the corpus. Each story belongs to a section, whose articles
 *   lean on their own share of the common words.
 * - Each article has its own one-off words (typos, rare names), fewer and fewer as the corpus
 *   grows, as Heaps' law has it.
 */

export interface SyntheticArticle {
  title: string;
  dek: string;
  paragraphs: string[];
  story: number;
  section: number;
}

/**
 * Fitted on BBC News (2,225 articles, `/work/shared/datasets/bbc-news`, not committed) by
 * `npx tsx scripts/bench/fit-heaps.ts --dataset …/bbc.jsonl` on 2026-12-05, words counted as the
 * engine's English analyzer gives them (stopwords and numbers dropped, stems). At a million
 * articles Heaps' law then expects about 380,000 distinct terms.
 */
export const BBC_NEWS_LAWS = {
  /** Heaps' law: distinct terms ≈ heapsK · analysed tokens^heapsBeta (fitted from the 100th article on). */
  heapsK: 39.129,
  heapsBeta: 0.4862,
  /** Zipf's law: a term's frequency ∝ its rank^-zipfS. */
  zipfS: 1.2391,
  /** Analysed tokens (title and body) per article: median, and σ of their logarithm. */
  medianTokens: 143,
  logSigma: 0.4449,
  /** Share of a text's words the analyzer drops (stopwords, numbers). */
  droppedWordShare: 0.5794,
} as const;

/** Small seeded PRNG (mulberry32): same seed, same corpus, on every machine. */
export const createRandom = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A seed for the PRNG from several integers (murmur3's finalizer over each in turn). */
const mix = (...values: number[]): number => {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
};

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vel', 'dor', 'sun', 'pra', 'quil', 'bex', 'zan', 'tor', 'mel', 'fin', 'gar', 'hol', 'jun', 'nor', 'wes'];

/** A distinct pseudo-word per index (no syllable is the start of another, so none repeats). */
const makeWord = (index: number): string => {
  let word = '';
  let rest = index;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return word.length < 4 ? `${word}ra` : word;
};

/** Vocabulary words by rank (0: the commonest); one-off words start with an `x`, which no syllable does. */
const vocabularyWord = (rank: number): string => makeWord(rank + 7);
const oneOffWord = (index: number): string => `x${makeWord(index)}`;

/** English stopwords, commonest first: the analyzer drops them, but reads them as it reads news. */
const FUNCTION_WORDS = ['the', 'of', 'to', 'and', 'a', 'in', 'that', 'is', 'for', 'it', 'on', 'was', 'said', 'with', 'he', 'as', 'at', 'by', 'has', 'from'];

export interface CorpusShape {
  sections: number;
  /** Entities and rare words of a story. */
  storyWords: number;
  /** Articles a story has on average. */
  meanStorySize: number;
  /** Consecutive articles whose stories are drawn together: a story's articles are this close. */
  storyWindow: number;
}

export const defaultShape = (): CorpusShape => ({ sections: 12, storyWords: 25, meanStorySize: 8, storyWindow: 256 });

/** Tuned so the generated corpus follows the fitted laws (see `docs/benchmarks.md`). */
const GROWTH = {
  /** One-off words, as a share of the distinct terms Heaps' law expects (the vocabulary's ranks are the rest). */
  oneOffShare: 0.2,
  /** At most this share of an article's tokens are words new to the corpus (the first articles' cap). */
  maxNewShare: 0.6,
  /** Share of a story's words drawn from the newest tenth of the vocabulary when it starts (its new names). */
  newStoryWords: 0.4,
  /** Chance that an analysed token of a title, dek or body is one of the story's words. */
  storyShare: { title: 0.5, dek: 0.3, body: 0.15 },
  /** Chance that a body token is one of the section's words. */
  sectionShare: 0.2,
  /** Ranks below this are every section's. */
  sharedRanks: 100,
} as const;

/** Analysed tokens of a title and of a dek. */
const TITLE_TOKENS = 7;
const DEK_TOKENS = 16;
const MIN_TOKENS = 40;
const MAX_TOKENS = 3000;

/** Distinct terms Heaps' law expects after `articles` articles of the mean length. */
const meanTokens = Math.exp(Math.log(BBC_NEWS_LAWS.medianTokens) + BBC_NEWS_LAWS.logSigma ** 2 / 2);
const expectedTerms = (articles: number): number => BBC_NEWS_LAWS.heapsK * (meanTokens * articles) ** BBC_NEWS_LAWS.heapsBeta;

/**
 * Vocabulary ranks used before article `index`: article `index` writes the ranks from
 * `introduced(index)` to `introduced(index + 1)` for the first time so that, with the one-off
 * words, the corpus has the distinct words Heaps' law expects; its other words are among those used.
 */
export const introduced = (index: number): number =>
  Math.floor(Math.min((1 - GROWTH.oneOffShare) * expectedTerms(index), GROWTH.maxNewShare * meanTokens * index));

/** One-off words written before article `index`: article `index` has those up to `oneOffsBefore(index + 1)`. */
const oneOffsBefore = (index: number): number => Math.floor(GROWTH.oneOffShare * expectedTerms(index));

/** A rank in [0, ranks) with probability ∝ (rank + 1)^-s, by inverting the continuous law's distribution. */
const zipfRank = (random: () => number, ranks: number, s: number): number => {
  const u = random();
  const x = s === 1 ? (ranks + 1) ** u : (1 + u * ((ranks + 1) ** (1 - s) - 1)) ** (1 / (1 - s));
  return Math.min(ranks - 1, Math.floor(x) - 1);
};

/** A normal deviate (Box–Muller). */
const gaussian = (random: () => number): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Story sizes of one window: about `mean` articles each, at most 5 × mean + 1, summing to `window`. */
const storySizes = (random: () => number, window: number, mean: number): number[] => {
  const sizes: number[] = [];
  let left = window;
  while (left > 0) {
    const size = Math.min(left, 1 + Math.min(5 * mean, Math.floor(-Math.log(1 - random()) * (mean - 1))));
    sizes.push(size);
    left -= size;
  }
  return sizes;
};

export const createCorpus = (seed: number, shape: CorpusShape) => {
  const { zipfS } = BBC_NEWS_LAWS;
  // The stories of the last window asked for: articles are asked for in order.
  let window = -1;
  let windowStories = new Int32Array(shape.storyWindow);

  /** Story number of article `index`: window × storyWindow + the story's place in its window. */
  const storyOf = (index: number): number => {
    const current = Math.floor(index / shape.storyWindow);
    if (current !== window) {
      const random = createRandom(mix(seed, 1, current));
      const stories = new Int32Array(shape.storyWindow);
      let position = 0;
      storySizes(random, shape.storyWindow, shape.meanStorySize).forEach((size, story) => stories.fill(story, position, (position += size)));
      for (let i = stories.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [stories[i], stories[j]] = [stories[j], stories[i]];
      }
      window = current;
      windowStories = stories;
    }
    return current * shape.storyWindow + windowStories[index - current * shape.storyWindow];
  };

  const sectionOf = (story: number): number => mix(seed, 2, story) % shape.sections;

  /** A story's words, as ranks: old entities from all the open vocabulary, new names from its newest ranks. */
  const storyRanks = (story: number): number[] => {
    const random = createRandom(mix(seed, 3, story));
    const ranks = introduced(Math.floor(story / shape.storyWindow) * shape.storyWindow + 1);
    const from = Math.min(GROWTH.sharedRanks, ranks >> 1);
    return Array.from({ length: shape.storyWords }, () =>
      random() < GROWTH.newStoryWords ? Math.floor(ranks * (0.9 + 0.1 * random())) : from + zipfRank(random, ranks - from, zipfS),
    );
  };

  /** The article numbered `index`; a follow-up of `story` when given, else of the story its index falls in. */
  return (index: number, story?: number): SyntheticArticle => {
    const random = createRandom(mix(seed, 4, index));
    const storyNumber = story ?? storyOf(index);
    const section = sectionOf(storyNumber);
    const storyWords = storyRanks(storyNumber).map(vocabularyWord);
    const ranks = introduced(index + 1);
    const sectionLanes = Math.floor((ranks - GROWTH.sharedRanks) / shape.sections);

    const term = (storyShare: number, sectionShare: number): string => {
      if (random() < storyShare) return storyWords[Math.floor(random() * storyWords.length)];
      const rank = zipfRank(random, ranks, zipfS);
      // A section word: the same rank's counterpart among the ranks that are this section's.
      if (rank >= GROWTH.sharedRanks && sectionLanes > 0 && random() < sectionShare) {
        const lane = Math.floor((rank - GROWTH.sharedRanks) / shape.sections) % sectionLanes;
        return vocabularyWord(GROWTH.sharedRanks + lane * shape.sections + section);
      }
      return vocabularyWord(rank);
    };
    const functionWord = (): string => FUNCTION_WORDS[zipfRank(random, FUNCTION_WORDS.length, 1)];
    /** `tokens` analysed tokens, with function words among them in the share news has. */
    const words = (tokens: number, storyShare: number, sectionShare: number): string[] => {
      const out: string[] = [];
      for (let i = 0; i < tokens; i += 1) {
        while (random() < BBC_NEWS_LAWS.droppedWordShare) out.push(functionWord());
        out.push(term(storyShare, sectionShare));
      }
      return out;
    };
    const sentence = (parts: string[]): string => {
      const text = parts.join(' ');
      return `${text[0].toUpperCase()}${text.slice(1)}.`;
    };

    const total = Math.round(Math.exp(Math.log(BBC_NEWS_LAWS.medianTokens) + BBC_NEWS_LAWS.logSigma * gaussian(random)));
    // Words new to the corpus and one-off words are part of the article's length, not extra.
    const newWords = ranks - introduced(index) + oneOffsBefore(index + 1) - oneOffsBefore(index);
    const bodyTokens = Math.max(MIN_TOKENS, Math.min(MAX_TOKENS, total)) - TITLE_TOKENS - DEK_TOKENS - newWords;
    const body = words(Math.max(1, bodyTokens), GROWTH.storyShare.body, GROWTH.sectionShare);
    // Its words new to the corpus and its one-off words, somewhere in its body.
    const insert = (word: string): void => void body.splice(Math.floor(random() * body.length), 0, word);
    for (let rank = introduced(index); rank < ranks; rank += 1) insert(vocabularyWord(rank));
    for (let oneOff = oneOffsBefore(index); oneOff < oneOffsBefore(index + 1); oneOff += 1) insert(oneOffWord(oneOff));
    const sentences: string[] = [];
    for (let start = 0; start < body.length;) {
      const length = 15 + Math.floor(random() * 20);
      sentences.push(sentence(body.slice(start, (start += length))));
    }
    const paragraphs: string[] = [];
    for (let start = 0; start < sentences.length;) paragraphs.push(sentences.slice(start, (start += 1 + Math.floor(random() * 3))).join(' '));
    return {
      // Seven digits: never a year, which the analyzer would keep.
      title: `${sentence(words(TITLE_TOKENS, GROWTH.storyShare.title, 0)).slice(0, -1)} ${String(index).padStart(7, '0')}`,
      dek: sentence(words(DEK_TOKENS, GROWTH.storyShare.dek, GROWTH.sectionShare)),
      paragraphs,
      story: storyNumber,
      section,
    };
  };
};
