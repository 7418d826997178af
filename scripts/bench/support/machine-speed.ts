import { performance } from 'perf_hooks';
import { createRelatedEngine } from '../../../server/src/related';
import { median, round } from './args';
import { createCorpus, defaultShape, type SyntheticArticle } from './synthetic-articles';

/** Articles of the yardstick's corpus: a run takes about a second and a half. */
const ARTICLES = 1500;
/** Lists it computes. */
const LISTS = 300;
/** Runs timed, after one that is not (it runs cold code); the median is the measure. */
const RUNS = 5;

type Articles = { index: number; article: SyntheticArticle }[];

/** One run: analyse and index the corpus, compute every profile, then some lists. */
const once = (articles: Articles): number => {
  const started = performance.now();
  const engine = createRelatedEngine();
  const at = Date.UTC(2026, 0, 1);
  engine.upsertMany(
    articles.map(({ index, article }) =>
      engine.analyze({
        id: `yardstick${index}`,
        locale: 'en',
        title: article.title,
        dek: article.dek,
        body: article.paragraphs.join('\n\n'),
        section: String(article.section),
        publishedAt: at + index * 60_000,
      }),
    ),
  );
  engine.flush();
  for (let index = 0; index < LISTS; index += 1) engine.related(`yardstick${(index * 7) % ARTICLES}`, {});
  return performance.now() - started;
};

/**
 * The machine's speed at the time, in milliseconds for a fixed piece of the engine's work (the
 * same code and input on every run, in this process, while no size runs): figures of runs on
 * different days, or beside other load, compare in proportion to it. Shared machines were seen
 * to slow by a third within an evening.
 */
export const yardstickMs = (): number => {
  const corpus = createCorpus(7, defaultShape());
  const articles = Array.from({ length: ARTICLES }, (_, index) => ({ index, article: corpus(index) }));
  once(articles);
  return round(median(Array.from({ length: RUNS }, () => once(articles))), 0);
};
