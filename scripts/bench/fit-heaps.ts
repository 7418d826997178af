/**
 * npx tsx scripts/bench/fit-heaps.ts --dataset PATH.jsonl [--orders 5]
 * npx tsx scripts/bench/fit-heaps.ts --synthetic 100000
 *
 * Fits the vocabulary laws of a news corpus, counting "words" as the engine's English analyzer
 * gives them (tokens, stopwords and numbers dropped, stems): a JSON Lines file
 * `{"id","category","title","body"}` (e.g. `/work/shared/datasets/bbc-news/bbc.jsonl`, read at run
 * time and never committed), or the first N articles of the benchmarks' synthetic corpus
 * (`support/synthetic-articles.ts`, generated and counted one at a time, to check that it grows
 * like the real one; no engine involved).
 * - Heaps' law V = K·T^β (T: analysed tokens read, V: distinct terms), by least squares on log V
 *   against log T at 40 log-spaced article counts from the 100th article on. A dataset's articles are read in `--orders`
 *   seeded random orders and the curves averaged (a file sorted by category would make V jump at
 *   each new category); the synthetic corpus is read in its own (publication) order.
 * - Zipf's exponent s (frequency ∝ rank^-s), by least squares on log frequency against log rank
 *   over the ranks seen at least 3 times (below, the hapax plateau is not a power law).
 * - Article lengths: analysed tokens per article (median, and σ of their logarithm) and the share
 *   of a text's words the analyzer drops.
 * Last line is JSON.
 */
import { analyzeFields, defaultRelatedSettings, tokenize } from '../../server/src/related';
import { readDataset } from '../eval/support/dataset';
import { median, parseArgs, round } from './support/args';
import { createCorpus, createRandom, defaultShape } from './support/synthetic-articles';
import { fitLine } from './support/vocabulary-laws';

interface Analysed {
  terms: string[];
  tf: number[];
  tokens: number;
  words: number;
}

const POINTS = 40;
/** The first articles are the law's transient (every article brings many new words): the fit starts past them. */
const START = 100;

const options = parseArgs(process.argv.slice(2), { dataset: '', synthetic: '', orders: '5' });
const orders = Number(options.orders);
const synthetic = Number(options.synthetic);
if (!options.dataset === !options.synthetic) throw new Error('give either --dataset PATH.jsonl or --synthetic N');
if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders must be a positive integer');
if (options.synthetic && (!Number.isInteger(synthetic) || synthetic < START * 10)) throw new Error(`--synthetic takes a number of articles ≥ ${START * 10}`);

const analyse = (title: string, body: string): Analysed => {
  const text = `${title}\n\n${body}`;
  // Every field weighs 1 in the default settings: `length` is the number of analysed tokens.
  const { counts } = analyzeFields({ body: text }, 'en', defaultRelatedSettings);
  const words = tokenize(text, { locale: 'en', numbers: 'keep', minTokenLength: 1, maxTokenLength: 1000, maxTokens: Infinity }).length;
  return { terms: counts.terms, tf: counts.tf, tokens: counts.length, words };
};

/** Article counts at which the growth is read: log-spaced from START to `articles`. */
const checkpointsFor = (articles: number): number[] => [
  ...new Set(Array.from({ length: POINTS }, (_, index) => Math.round(Math.exp(Math.log(START) + (index / (POINTS - 1)) * Math.log(articles / START))))),
];

/** Reads articles in order: tokens and distinct terms at each checkpoint, term frequencies, lengths. */
const measure = (articles: Iterable<Analysed>, checkpoints: number[]) => {
  const frequencies = new Map<string, number>();
  const points: { tokens: number; distinct: number }[] = [];
  const lengths: number[] = [];
  let tokens = 0;
  let words = 0;
  for (const article of articles) {
    article.terms.forEach((term, index) => frequencies.set(term, (frequencies.get(term) ?? 0) + article.tf[index]));
    tokens += article.tokens;
    words += article.words;
    lengths.push(article.tokens);
    if (lengths.length === checkpoints[points.length]) points.push({ tokens, distinct: frequencies.size });
  }
  return { frequencies, points, lengths, tokens, words };
};

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const random = createRandom(seed);
  const out = [...items];
  for (let index = out.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other], out[index]];
  }
  return out;
};

function* syntheticArticles(count: number): Generator<Analysed> {
  const corpus = createCorpus(42, defaultShape());
  for (let index = 0; index < count; index += 1) {
    const article = corpus(index);
    yield analyse(`${article.title}\n\n${article.dek}`, article.paragraphs.join('\n\n'));
  }
}

const runs = options.dataset
  ? (() => {
      const articles = readDataset(options.dataset).map((example) => analyse(example.title, example.body));
      const checkpoints = checkpointsFor(articles.length);
      return Array.from({ length: orders }, (_, order) => measure(shuffled(articles, 1000 + order), checkpoints));
    })()
  : [measure(syntheticArticles(synthetic), checkpointsFor(synthetic))];

const [first] = runs;
const averaged = first.points.map((_, point) => ({
  tokens: runs.reduce((sum, run) => sum + run.points[point].tokens, 0) / runs.length,
  distinct: runs.reduce((sum, run) => sum + run.points[point].distinct, 0) / runs.length,
}));
const heaps = fitLine(
  averaged.map((point) => Math.log(point.tokens)),
  averaged.map((point) => Math.log(point.distinct)),
);

const ranked = [...first.frequencies.values()].sort((a, b) => b - a);
const frequent = ranked.filter((count) => count >= 3);
const zipf = fitLine(
  frequent.map((_, rank) => Math.log(rank + 1)),
  frequent.map(Math.log),
);

const logLengths = first.lengths.map(Math.log);
const meanLog = logLengths.reduce((a, b) => a + b, 0) / logLengths.length;
const result = {
  corpus: options.dataset || `synthetic ${synthetic}`,
  articles: first.lengths.length,
  tokens: first.tokens,
  distinctTerms: first.frequencies.size,
  heaps: { K: round(Math.exp(heaps.intercept), 3), beta: round(heaps.slope, 4), r2: round(heaps.r2, 5) },
  zipf: { s: round(-zipf.slope, 4), ranks: frequent.length, r2: round(zipf.r2, 5) },
  hapaxShare: round(ranked.filter((count) => count === 1).length / ranked.length, 4),
  tokensPerArticle: {
    mean: round(first.tokens / first.lengths.length, 1),
    median: median(first.lengths),
    logSigma: round(Math.sqrt(logLengths.reduce((sum, value) => sum + (value - meanLog) ** 2, 0) / logLengths.length), 4),
  },
  droppedWordShare: round(1 - first.tokens / first.words, 4),
};
console.log(
  `${result.articles} articles, ${result.tokens} analysed tokens, ${result.distinctTerms} distinct terms: ` +
    `Heaps K ${result.heaps.K}, β ${result.heaps.beta} (r² ${result.heaps.r2}); Zipf s ${result.zipf.s} over ${result.zipf.ranks} ranks (r² ${result.zipf.r2}); ` +
    `${round(result.hapaxShare * 100, 1)}% of terms seen once; ${result.tokensPerArticle.median} analysed tokens per article at the median; ` +
    `${round(result.droppedWordShare * 100, 1)}% of words dropped by the analyzer`,
);
console.log(JSON.stringify(result));
