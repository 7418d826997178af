/**
 * Deterministic synthetic news articles for benchmarks: a Zipf-distributed background
 * vocabulary plus per-story words, so that articles of a story share rare terms the way
 * real coverage of one event does. Pseudo-words keep it free of any language's stemmer quirks.
 */

export interface SyntheticArticle {
  title: string;
  dek: string;
  paragraphs: string[];
  story: number;
  section: number;
}

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

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vel', 'dor', 'sun', 'pra', 'quil', 'bex', 'zan', 'tor', 'mel', 'fin', 'gar', 'hol', 'jun', 'nor', 'wes'];

const makeWord = (index: number): string => {
  let word = '';
  let rest = index;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return word.length < 4 ? `${word}ra` : word;
};

export interface CorpusShape {
  vocabulary: number;
  stories: number;
  sections: number;
  storyWords: number;
}

export const defaultShape = (articles: number): CorpusShape => ({
  vocabulary: 30000,
  stories: Math.max(20, Math.round(articles / 8)),
  sections: 12,
  storyWords: 25,
});

export const createCorpus = (seed: number, shape: CorpusShape) => {
  const random = createRandom(seed);
  const words = Array.from({ length: shape.vocabulary }, (_, index) => makeWord(index + 7));
  // Zipf(1) sampling over the background vocabulary through a cumulative table.
  const cumulative = new Float64Array(shape.vocabulary);
  let total = 0;
  for (let rank = 0; rank < shape.vocabulary; rank += 1) {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  }
  const background = (): string => {
    const target = random() * total;
    let low = 0;
    let high = shape.vocabulary - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return words[low];
  };
  const storyVocabulary = (story: number): string[] =>
    Array.from({ length: shape.storyWords }, (_, index) => words[(shape.vocabulary / 4 + ((story * 7919 + index * 104729) % (shape.vocabulary * 0.75))) | 0]);

  const sentence = (story: string[], length: number, storyShare: number): string => {
    const out: string[] = [];
    for (let index = 0; index < length; index += 1) {
      out.push(random() < storyShare ? story[Math.floor(random() * story.length)] : background());
    }
    const text = out.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };

  /** The article numbered `index`; a follow-up of `story` when given, else of a random story. */
  return (index: number, story?: number): SyntheticArticle => {
    const storyNumber = story ?? Math.floor(random() * shape.stories);
    const words = storyVocabulary(storyNumber);
    const paragraphs = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => sentence(words, 18 + Math.floor(random() * 10), 0.18)).join(' '));
    return {
      title: `${sentence(words, 7, 0.5).slice(0, -1)} ${index}`,
      dek: sentence(words, 16, 0.3),
      paragraphs,
      story: storyNumber,
      section: storyNumber % shape.sections,
    };
  };
};
