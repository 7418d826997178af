/**
 * npm run eval:related -- --dataset PATH.jsonl [--k 10] [--locale en] [--settings JSON] [--stories]
 *
 * Relevance evaluation of the related-links engine on a labelled corpus (topics, as BBC News, or
 * stories, as BASIL). Reads JSON Lines `{"id","category","title","body","date"?}`, indexes every
 * document through the engine API the plugin uses for articles (the category is never given to
 * the engine; a row's `date` is its publication date, so the time between two articles counts as
 * it does on a site: the engine's recency compares two articles' dates, never a date with "now",
 * so an old corpus is judged like a fresh one), computes every document's list with the default
 * settings (or the defaults overridden by `--settings '{"stories":{"threshold":1}}'`) and prints,
 * beside a brute-force TF-IDF cosine baseline computed in the same run (`eval/tfidf-baseline.ts`):
 * precision@1/@5/@10 (share of the listed documents in the document's own category; a missing
 * link counts as a miss), R-precision (precision at R = min(k, the category's size − 1)), the
 * precision of what is shown (hits ÷ links shown, lists ending where relevance ends) and the
 * links shown per list, and coverage (share of full lists). `--stories` adds the quality of the
 * engine's stories against the labels (B-cubed precision, recall, F1), beside a TF-IDF cosine
 * threshold clustering at its best threshold for the corpus.
 *
 * The last line is JSON: {"dataset","n","p1","p5","p10","rprec","shownPrecision","meanShown",
 * "coverage","baseline":{"p1","p5","p10","rprec","shownPrecision","meanShown"},
 * "stories"?:{"precision","recall","f1"},"baseline.stories" under baseline.stories}.
 */
import { performance } from 'perf_hooks';
import { createRelatedEngine, resolveRelatedSettings, type RelatedSettingsOverrides } from '../../server/src/related';
import { readDataset } from './support/dataset';
import { bCubed, listQuality, median, round, type ClusterQuality, type ListQuality } from './support/metrics';
import { createTfidfBaseline } from './support/tfidf-baseline';

interface Options {
  dataset: string;
  k: number;
  locale: string | undefined;
  overrides: RelatedSettingsOverrides;
  stories: boolean;
}

const usage = 'usage: npm run eval:related -- --dataset PATH.jsonl [--k 10] [--locale en] [--settings JSON] [--stories]';

const parseArgs = (argv: string[]): Options => {
  const values = new Map<string, string>();
  let stories = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${usage}`);
    if (arg === '--stories') {
      stories = true;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`--${name} needs a value\n${usage}`);
    values.set(name, value);
  }
  for (const name of values.keys()) if (!['dataset', 'k', 'locale', 'settings'].includes(name)) throw new Error(`unknown option --${name}\n${usage}`);
  const dataset = values.get('dataset');
  if (!dataset) throw new Error(usage);
  const k = Number(values.get('k') ?? 10);
  if (!Number.isInteger(k) || k < 1) throw new Error('--k must be a positive integer');
  const overrides = JSON.parse(values.get('settings') ?? '{}') as RelatedSettingsOverrides;
  return { dataset, k, locale: values.get('locale'), overrides, stories };
};

const main = (): void => {
  const { dataset, k, locale, overrides, stories } = parseArgs(process.argv.slice(2));
  const examples = readDataset(dataset);

  const engine = createRelatedEngine(resolveRelatedSettings(overrides));
  const started = performance.now();
  for (const example of examples) {
    engine.upsert(engine.analyze({ id: example.id, locale, title: example.title, body: example.body, publishedAt: example.publishedAt }));
  }
  const analysed = performance.now();
  engine.flush();
  const indexed = performance.now();

  const times: number[] = [];
  const lists = examples.map((example) => {
    const before = performance.now();
    const links = engine.related(example.id, { limit: k });
    times.push(performance.now() - before);
    return links.map((link) => link.id);
  });
  const queried = performance.now();
  const ours = listQuality(examples, lists, k);

  const baselineStarted = performance.now();
  const tfidf = createTfidfBaseline(examples);
  const baseline = listQuality(examples, tfidf.lists(k), k);
  const baselineMs = performance.now() - baselineStarted;

  const clusters = stories ? { ours: bCubed(examples, (id) => engine.storyOf(id) ?? id), baseline: tfidf.bestThresholdClustering() } : undefined;

  const stats = engine.stats();
  const line = (name: string, q: ListQuality): string =>
    `${name.padEnd(22)} ${[q.p1, q.p5, q.p10, q.rprec, q.shownPrecision].map((value) => value.toFixed(4)).join('  ')}  ${q.meanShown.toFixed(2).padStart(6)}  ${q.coverage.toFixed(4)}`;
  console.log(`dataset ${dataset}: ${examples.length} documents, ${new Set(examples.map((e) => e.category)).size} categories, k = ${k}`);
  console.log(`${'lists'.padEnd(22)} P@1     P@5     P@10    R-prec  shown-P  shown   coverage`);
  console.log(line(Object.keys(overrides).length === 0 ? 'engine (defaults)' : 'engine (overridden)', ours));
  console.log(line('tf-idf cosine (brute)', baseline));
  if (clusters) {
    const cluster = (name: string, q: ClusterQuality) =>
      `${name.padEnd(22)} B-cubed P ${q.precision.toFixed(4)}  R ${q.recall.toFixed(4)}  F1 ${q.f1.toFixed(4)}`;
    console.log(cluster('stories (engine)', clusters.ours));
    console.log(`${cluster('tf-idf threshold', clusters.baseline)}  (best threshold ${clusters.baseline.threshold})`);
  }
  console.log(
    `indexing: analyse + upsert ${((analysed - started) / 1000).toFixed(2)} s, profiles ${((indexed - analysed) / 1000).toFixed(2)} s ` +
      `(${stats.terms} terms, ${stats.postings} postings)`,
  );
  console.log(
    `querying: ${examples.length} lists in ${((queried - indexed) / 1000).toFixed(2)} s, median ${median(times).toFixed(3)} ms per query, ` +
      `p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]?.toFixed(3) ?? '0'} ms; baseline ${(baselineMs / 1000).toFixed(2)} s`,
  );
  const figures = (q: ListQuality) => ({
    p1: round(q.p1),
    p5: round(q.p5),
    p10: round(q.p10),
    rprec: round(q.rprec),
    shownPrecision: round(q.shownPrecision),
    meanShown: round(q.meanShown, 2),
  });
  const clusterFigures = (q: ClusterQuality) => ({ precision: round(q.precision), recall: round(q.recall), f1: round(q.f1) });
  console.log(
    JSON.stringify({
      dataset,
      n: examples.length,
      ...figures(ours),
      coverage: round(ours.coverage),
      ...(clusters ? { stories: clusterFigures(clusters.ours) } : {}),
      baseline: {
        ...figures(baseline),
        ...(clusters ? { stories: { ...clusterFigures(clusters.baseline), threshold: clusters.baseline.threshold } } : {}),
      },
    }),
  );
};

main();
