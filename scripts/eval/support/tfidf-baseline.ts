import type { Example } from './dataset';
import { bCubed, type ClusterQuality } from './metrics';

/**
 * The baseline every figure is compared with, computed in the same run: lower-case word tokens
 * of two or more letters or digits, no stemming, the classic English stopword list
 * (scikit-learn's), tf-idf with sublinear tf (1 + ln tf) and smoothed log idf
 * (ln((1+N)/(1+df)) + 1), L2 norm, cosine against every other document: the equivalent of
 * scikit-learn's `TfidfVectorizer(stop_words="english", sublinear_tf=True)`, brute force.
 */

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

interface Vector {
  ids: number[];
  weights: number[];
}

/** Every pair's cosine, from the postings: row `i` holds the scores of document `i` with every other. */
export const createTfidfBaseline = (examples: Example[]) => {
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
  const vectors: Vector[] = docs.map((counts) => {
    const ids = [...counts.keys()];
    const weights = ids.map((id) => (1 + Math.log(counts.get(id) as number)) * (Math.log((1 + n) / (1 + df[id])) + 1));
    const length = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids, weights: weights.map((w) => w / length) };
  });
  const postings: Array<Array<{ doc: number; weight: number }>> = Array.from({ length: vocabulary.size }, () => []);
  vectors.forEach((vector, doc) => vector.ids.forEach((id, i) => postings[id].push({ doc, weight: vector.weights[i] })));

  const scoresOf = (self: number, into: Float64Array): Float64Array => {
    into.fill(0);
    const vector = vectors[self];
    vector.ids.forEach((id, i) => {
      for (const posting of postings[id]) into[posting.doc] += vector.weights[i] * posting.weight;
    });
    into[self] = -1;
    return into;
  };

  return {
    /** Each document's k best others, best first (equal scores by position). */
    lists(k: number): string[][] {
      const scores = new Float64Array(n);
      return examples.map((_, self) => {
        scoresOf(self, scores);
        const order: number[] = [];
        for (let doc = 0; doc < n; doc += 1) if (doc !== self) order.push(doc);
        order.sort((a, b) => scores[b] - scores[a] || a - b);
        return order.slice(0, k).map((doc) => examples[doc].id);
      });
    },

    /**
     * Threshold clustering: documents joined by a cosine of at least t are in one cluster
     * (connected components). Tries t from 0.99 down to 0.01 and keeps the best B-cubed F1 for
     * this corpus: a baseline tuned on the labels, which ours is not.
     */
    bestThresholdClustering(): ClusterQuality & { threshold: number } {
      const scores = new Float64Array(n);
      const edges: Array<[number, number, number]> = [];
      for (let a = 0; a < n; a += 1) {
        scoresOf(a, scores);
        for (let b = a + 1; b < n; b += 1) if (scores[b] >= 0.01) edges.push([a, b, scores[b]]);
      }
      edges.sort((x, y) => y[2] - x[2]);
      const parent = Int32Array.from({ length: n }, (_, i) => i);
      const find = (x: number): number => {
        while (parent[x] !== x) {
          parent[x] = parent[parent[x]];
          x = parent[x];
        }
        return x;
      };
      const position = new Map(examples.map((example, i) => [example.id, i]));
      let best: ClusterQuality & { threshold: number } = { precision: 0, recall: 0, f1: -1, threshold: 1 };
      let next = 0;
      for (let step = 99; step >= 1; step -= 1) {
        const threshold = step / 100;
        for (; next < edges.length && edges[next][2] >= threshold; next += 1) parent[find(edges[next][0])] = find(edges[next][1]);
        const quality = bCubed(examples, (id) => String(find(position.get(id) as number)));
        if (quality.f1 > best.f1) best = { ...quality, threshold };
      }
      return best;
    },
  };
};
