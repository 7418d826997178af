import type { Example } from './dataset';

/** How well ranked lists find each document's own category. */
export interface ListQuality {
  p1: number;
  p5: number;
  p10: number;
  /** Precision at R = min(k, the category's size − 1), averaged: every same-category document counts. */
  rprec: number;
  /** Hits ÷ links shown, over every list: what a reader sees is right this often. */
  shownPrecision: number;
  /** Links shown per list, on average. */
  meanShown: number;
  /** Share of documents with a full list of k. */
  coverage: number;
}

/** Precision of ranked lists against the categories (a missing link counts as a miss). */
export const listQuality = (examples: Example[], lists: string[][], k: number): ListQuality => {
  const category = new Map(examples.map((example) => [example.id, example.category]));
  const sizes = new Map<string, number>();
  for (const example of examples) sizes.set(example.category, (sizes.get(example.category) ?? 0) + 1);
  const hitsAt = (list: string[], own: string, n: number): number => {
    let hits = 0;
    for (let i = 0; i < Math.min(n, list.length); i += 1) if (category.get(list[i]) === own) hits += 1;
    return hits;
  };
  const sum = { p1: 0, p5: 0, p10: 0, rprec: 0, hits: 0, shown: 0, full: 0, withR: 0 };
  examples.forEach((example, i) => {
    const list = lists[i];
    sum.p1 += hitsAt(list, example.category, 1);
    sum.p5 += hitsAt(list, example.category, 5) / 5;
    sum.p10 += hitsAt(list, example.category, 10) / 10;
    const r = Math.min(k, (sizes.get(example.category) ?? 1) - 1);
    if (r > 0) {
      sum.rprec += hitsAt(list, example.category, r) / r;
      sum.withR += 1;
    }
    sum.hits += hitsAt(list, example.category, list.length);
    sum.shown += list.length;
    if (list.length >= k) sum.full += 1;
  });
  const n = examples.length || 1;
  return {
    p1: sum.p1 / n,
    p5: sum.p5 / n,
    p10: sum.p10 / n,
    rprec: sum.withR === 0 ? 0 : sum.rprec / sum.withR,
    shownPrecision: sum.shown === 0 ? 0 : sum.hits / sum.shown,
    meanShown: sum.shown / n,
    coverage: sum.full / n,
  };
};

export interface ClusterQuality {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * B-cubed precision and recall of a clustering against the labels: for each document, the share
 * of its cluster that has its label, and the share of its label that is in its cluster, averaged.
 */
export const bCubed = (examples: Example[], clusterOf: (id: string) => string): ClusterQuality => {
  const clusters = new Map<string, Example[]>();
  const labels = new Map<string, number>();
  for (const example of examples) {
    const cluster = clusterOf(example.id);
    clusters.set(cluster, [...(clusters.get(cluster) ?? []), example]);
    labels.set(example.category, (labels.get(example.category) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const example of examples) {
    const members = clusters.get(clusterOf(example.id)) ?? [];
    const same = members.filter((member) => member.category === example.category).length;
    precision += same / members.length;
    recall += same / (labels.get(example.category) ?? 1);
  }
  const n = examples.length || 1;
  precision /= n;
  recall /= n;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;
