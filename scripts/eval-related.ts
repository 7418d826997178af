/**
 * npx tsx scripts/eval-related.ts --dataset PATH.jsonl [--k 10] [--locale en] [--settings JSON]
 *
 * Relevance evaluation of the related-links engine on a labelled corpus. Reads JSON Lines
 * `{"id","category","title","body"}`, indexes every document through the engine API the plugin
 * uses for articles (the category is never given to the engine; no section, no dates, so recency
 * plays no part), computes every document's related list with the default settings (or the
 * defaults overridden by `--settings '{"expansion":{"neighbours":0}}'`), and prints
 * precision@1/@5/@10 (share of the listed documents in the document's own category; a missing
 * link counts as a miss) and coverage (share of documents with a full list of k), next to a
 * brute-force TF-IDF cosine baseline computed in the same run: lower-case word tokens of two or
 * more letters or digits, no stemming, the classic English stopword list (scikit-learn's), tf-idf
 * with sublinear tf (1 + ln tf) and smoothed log idf (ln((1+N)/(1+df)) + 1), L2 norm, cosine
 * against every other document — the equivalent of scikit-learn's
 * `TfidfVectorizer(stop_words="english", sublinear_tf=True)`.
 *
 * The last line is JSON:
 * {"dataset":…,"n":…,"p1":…,"p5":…,"p10":…,"coverage":…,"baseline":{"p1":…,"p5":…,"p10":…}}
 */
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { createRelatedEngine, resolveRelatedSettings, type RelatedSettingsOverrides } from '../server/src/related';

interface Example {
  id: string;
  category: string;
  title: string;
  body: string;
}

interface Precision {
  p1: number;
  p5: number;
  p10: number;
  coverage: number;
}

const usage = 'usage: npx tsx scripts/eval-related.ts --dataset PATH.jsonl [--k 10] [--locale en] [--settings JSON]';

const parseArgs = (argv: string[]): { dataset: string; k: number; locale: string | undefined; overrides: RelatedSettingsOverrides } => {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${usage}`);
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
  return { dataset, k, locale: values.get('locale'), overrides };
};

const readDataset = (path: string): Example[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const row = JSON.parse(line) as Partial<Example>;
      if (typeof row.category !== 'string' || typeof row.title !== 'string' || typeof row.body !== 'string') {
        throw new Error(`${path}:${index + 1}: needs "category", "title" and "body" strings`);
      }
      return { id: String(row.id ?? index), category: row.category, title: row.title, body: row.body };
    });

/** Precision of ranked lists against the categories, and the share of full lists. */
const precision = (examples: Example[], lists: string[][], k: number): Precision => {
  const category = new Map(examples.map((example) => [example.id, example.category]));
  const at = (list: string[], own: string, n: number): number => {
    let hits = 0;
    for (let i = 0; i < Math.min(n, list.length); i += 1) if (category.get(list[i]) === own) hits += 1;
    return hits / n;
  };
  let p1 = 0;
  let p5 = 0;
  let p10 = 0;
  let full = 0;
  examples.forEach((example, i) => {
    p1 += at(lists[i], example.category, 1);
    p5 += at(lists[i], example.category, 5);
    p10 += at(lists[i], example.category, 10);
    if (lists[i].length >= k) full += 1;
  });
  const n = examples.length || 1;
  return { p1: p1 / n, p5: p5 / n, p10: p10 / n, coverage: full / n };
};

/** scikit-learn's English stopword list (the Glasgow IR group's list). */
const CLASSIC_STOPWORDS = new Set(
  (
    'a about above across after afterwards again against all almost alone along already also although always am among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at ' +
    'back be became because become becomes becoming been before beforehand behind being below beside besides between beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during ' +
    'each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere except few fifteen fifty fill find fire first five for former formerly forty found four from front full further get give go ' +
    'had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less ltd ' +
    'made many may me meanwhile might mill mine more moreover most mostly move much must my myself name namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own ' +
    'part per perhaps please put rather re same see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere still such system ' +
    'take ten than that the their them themselves then thence there thereafter thereby therein thereupon these they thick thin third this those though three through throughout thru thus to together too top toward towards twelve twenty two ' +
    'un under until up upon us very via was we well were what whatever when whence whenever where whereafter whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves'
  ).split(' '),
);

/** Brute-force TF-IDF cosine: every document against every other, top k. */
const baselineLists = (examples: Example[], k: number): string[][] => {
  const n = examples.length;
  const vocabulary = new Map<string, number>();
  const docs = examples.map((example) => {
    const counts = new Map<number, number>();
    for (const match of `${example.title}\n${example.body}`.toLowerCase().matchAll(/[\p{L}\p{N}_]{2,}/gu)) {
      const token = match[0];
      if (CLASSIC_STOPWORDS.has(token)) continue;
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Float64Array(vocabulary.size);
  for (const counts of docs) for (const id of counts.keys()) df[id] += 1;
  const vectors = docs.map((counts) => {
    const ids = [...counts.keys()];
    const weights = ids.map((id) => (1 + Math.log(counts.get(id) as number)) * (Math.log((1 + n) / (1 + df[id])) + 1));
    const length = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids, weights: weights.map((w) => w / length) };
  });
  // Dense document-term rows would be large; every pair's dot product comes from the postings.
  const postings: { doc: number; weight: number }[][] = Array.from({ length: vocabulary.size }, () => []);
  vectors.forEach((vector, doc) => vector.ids.forEach((id, i) => postings[id].push({ doc, weight: vector.weights[i] })));
  const scores = new Float64Array(n);
  return vectors.map((vector, self) => {
    scores.fill(0);
    vector.ids.forEach((id, i) => {
      for (const posting of postings[id]) scores[posting.doc] += vector.weights[i] * posting.weight;
    });
    const order: number[] = [];
    for (let doc = 0; doc < n; doc += 1) if (doc !== self) order.push(doc);
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    return order.slice(0, k).map((doc) => examples[doc].id);
  });
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

const main = (): void => {
  const { dataset, k, locale, overrides } = parseArgs(process.argv.slice(2));
  const examples = readDataset(dataset);
  const ids = new Set(examples.map((example) => example.id));
  if (ids.size !== examples.length) throw new Error('document ids must be unique');

  const engine = createRelatedEngine(resolveRelatedSettings(overrides));
  const started = performance.now();
  for (const example of examples) {
    engine.upsert(engine.analyze({ id: example.id, locale, title: example.title, body: example.body }));
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
  const ours = precision(examples, lists, k);

  const baselineStarted = performance.now();
  const baseline = precision(examples, baselineLists(examples, k), k);
  const baselineMs = performance.now() - baselineStarted;

  const stats = engine.stats();
  const line = (name: string, p: Precision): string =>
    `${name.padEnd(22)} ${p.p1.toFixed(4)}  ${p.p5.toFixed(4)}  ${p.p10.toFixed(4)}  ${p.coverage.toFixed(4)}`;
  console.log(`dataset ${dataset}: ${examples.length} documents, ${new Set(examples.map((e) => e.category)).size} categories, k = ${k}`);
  console.log(`${'lists'.padEnd(22)} P@1     P@5     P@10    coverage`);
  console.log(line(Object.keys(overrides).length === 0 ? 'engine (defaults)' : 'engine (overridden)', ours));
  console.log(line('tf-idf cosine (brute)', baseline));
  console.log(
    `indexing: analyse + upsert ${((analysed - started) / 1000).toFixed(2)} s, profiles ${((indexed - analysed) / 1000).toFixed(2)} s ` +
      `(${stats.terms} terms, ${stats.postings} postings)`,
  );
  console.log(
    `querying: ${examples.length} lists in ${((queried - indexed) / 1000).toFixed(2)} s, median ${median(times).toFixed(3)} ms per query, ` +
      `p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]?.toFixed(3) ?? '0'} ms; baseline ${(baselineMs / 1000).toFixed(2)} s`,
  );
  console.log(
    JSON.stringify({
      dataset,
      n: examples.length,
      p1: round(ours.p1),
      p5: round(ours.p5),
      p10: round(ours.p10),
      coverage: round(ours.coverage),
      baseline: { p1: round(baseline.p1), p5: round(baseline.p5), p10: round(baseline.p10) },
    }),
  );
};

main();
