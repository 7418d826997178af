import { resized } from './typed-arrays';

/**
 * Average-linkage clustering of a sparse, weighted graph, the stories' grouping: clusters start
 * as single documents and the pair with the highest mean similarity is merged first, while that
 * mean stays at least `cohesion`. The mean runs over every pair of members published close enough
 * to compare (a pair without an edge counts as 0), so a story running for weeks holds together
 * through its articles published near each other, while a single edge between two stories of one
 * subject does not merge them. Only clusters joined by an edge can reach a positive mean, so the
 * work follows the edges: a heap of candidate merges, updated as clusters grow. A full pass
 * clusters every document at once: a document that never merges costs a few numbers.
 */

export interface LinkageInput {
  /** The documents to cluster (non-negative integers). */
  nodes: readonly number[];
  /** A document's edges as `[other, weight, other, weight, …]`. */
  edges: (node: number) => ArrayLike<number>;
  /** Publication time (ms), or null when unknown (comparable with any time). */
  timeOf: (node: number) => number | null;
  /** Documents further apart than this are not compared. */
  maxGapMs: number;
  cohesion: number;
  /** A total order of the documents (earliest first): it breaks every tie. */
  earlier: (a: number, b: number) => number;
}

/** Candidate merges, best mean first, equal means by the earlier pair; in typed arrays. */
class MergeHeap {
  private mean = new Float64Array(1024);
  private pair = new Int32Array(2048);
  private version = new Int32Array(2048);
  size = 0;

  private before(i: number, j: number): boolean {
    const { mean, pair } = this;
    return mean[i] > mean[j] || (mean[i] === mean[j] && (pair[2 * i] < pair[2 * j] || (pair[2 * i] === pair[2 * j] && pair[2 * i + 1] < pair[2 * j + 1])));
  }

  // Plain assignments: destructuring swaps and array literals allocated on every step of a
  // full pass's clustering (a hundred MiB at 100,000 articles).
  private swap(i: number, j: number): void {
    const { mean, pair, version } = this;
    const m = mean[i];
    mean[i] = mean[j];
    mean[j] = m;
    for (let k = 0; k < 2; k += 1) {
      const p = pair[2 * i + k];
      pair[2 * i + k] = pair[2 * j + k];
      pair[2 * j + k] = p;
      const v = version[2 * i + k];
      version[2 * i + k] = version[2 * j + k];
      version[2 * j + k] = v;
    }
  }

  push(value: number, a: number, b: number, versionA: number, versionB: number): void {
    if (this.size === this.mean.length) {
      this.mean = resized(this.mean, this.mean.length * 2);
      this.pair = resized(this.pair, this.pair.length * 2);
      this.version = resized(this.version, this.version.length * 2);
    }
    let i = this.size++;
    this.mean[i] = value;
    this.pair[2 * i] = a;
    this.pair[2 * i + 1] = b;
    this.version[2 * i] = versionA;
    this.version[2 * i + 1] = versionB;
    while (i > 0 && this.before(i, (i - 1) >> 1)) {
      this.swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  }

  /** Moves the best merge to the end and answers its position (valid until the next push). */
  pop(): number {
    const last = --this.size;
    this.swap(0, last);
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      let best = i;
      if (left < last && this.before(left, best)) best = left;
      if (left + 1 < last && this.before(left + 1, best)) best = left + 1;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return last;
  }

  entry(at: number): { mean: number; a: number; b: number; versionA: number; versionB: number } {
    return { mean: this.mean[at], a: this.pair[2 * at], b: this.pair[2 * at + 1], versionA: this.version[2 * at], versionB: this.version[2 * at + 1] };
  }
}

/** The first index of `sorted` holding a value of at least `value`. */
const lowerBound = (sorted: readonly number[], value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** Merges sorted `b` into sorted `a`, in place from the back (a big story's merges allocate nothing). */
const mergeInto = (a: number[], b: readonly number[]): void => {
  let i = a.length - 1;
  // Room made in order, so that the array stays packed.
  for (const value of b) a.push(value);
  let j = b.length - 1;
  for (let k = a.length - 1; j >= 0; k -= 1) a[k] = i >= 0 && a[i] > b[j] ? a[i--] : b[j--];
};

/** A cluster that has taken others in (a single document needs none of this). */
interface Grown {
  members: number[];
  /** Known publication times, ascending. */
  times: number[];
  undated: number;
  /** Summed similarity to each neighbouring cluster. */
  links: Map<number, number>;
}

/** The stories among `nodes`: each a list of documents, earliest first; the lists in the same order. */
export const averageLinkage = ({ nodes, edges, timeOf, maxGapMs, cohesion, earlier }: LinkageInput): number[][] => {
  // Clusters are numbered in `earlier` order: the number of the earlier cluster survives a merge.
  const ordered = [...nodes].sort(earlier);
  const indexOf = new Map<number, number>();
  ordered.forEach((node, i) => indexOf.set(node, i));
  const version = new Int32Array(ordered.length);
  const gone = new Uint8Array(ordered.length);
  const grown = new Map<number, Grown>();

  const timesOf = (i: number): readonly number[] => {
    const cluster = grown.get(i);
    if (cluster) return cluster.times;
    const time = timeOf(ordered[i]);
    return time === null ? [] : [time];
  };
  const sizeOf = (i: number): number => grown.get(i)?.members.length ?? 1;
  const undatedOf = (i: number): number => grown.get(i)?.undated ?? (timeOf(ordered[i]) === null ? 1 : 0);

  // Which cluster each document is in now (merged clusters point to the one that took them in).
  const owner = Int32Array.from(ordered, (_, i) => i);
  const find = (i: number): number => {
    while (owner[i] !== i) {
      owner[i] = owner[owner[i]];
      i = owner[i];
    }
    return i;
  };

  /** A cluster's summed similarity to each neighbouring cluster. */
  const linksOf = (i: number): Map<number, number> => {
    const cluster = grown.get(i);
    if (cluster) return cluster.links;
    const links = new Map<number, number>();
    const row = edges(ordered[i]);
    for (let k = 0; k < row.length; k += 2) {
      const j = indexOf.get(row[k]);
      if (j === undefined) continue;
      const c = find(j);
      if (c !== i) links.set(c, (links.get(c) ?? 0) + row[k + 1]);
    }
    return links;
  };

  /** Pairs of members published close enough to compare. */
  const comparable = (i: number, j: number): number => {
    const x = timesOf(i);
    const y = timesOf(j);
    const small = x.length <= y.length ? x : y;
    const large = small === x ? y : x;
    const undatedI = undatedOf(i);
    const undatedJ = undatedOf(j);
    let pairs = undatedI * sizeOf(j) + undatedJ * sizeOf(i) - undatedI * undatedJ;
    for (const time of small) pairs += lowerBound(large, time + maxGapMs + 1) - lowerBound(large, time - maxGapMs);
    return pairs;
  };

  const heap = new MergeHeap();
  const offer = (i: number, j: number, sum: number): void => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    const pairs = comparable(a, b);
    if (pairs > 0 && sum / pairs >= cohesion) heap.push(sum / pairs, a, b, version[a], version[b]);
  };

  // Every pair once, from its earlier end (each edge is stored at both ends, with one weight).
  ordered.forEach((node, i) => {
    const row = edges(node);
    for (let k = 0; k < row.length; k += 2) {
      const j = indexOf.get(row[k]);
      if (j !== undefined && i < j) offer(i, j, row[k + 1]);
    }
  });

  const grow = (i: number): Grown => {
    let cluster = grown.get(i);
    if (!cluster) {
      const time = timeOf(ordered[i]);
      cluster = { members: [ordered[i]], times: time === null ? [] : [time], undated: time === null ? 1 : 0, links: linksOf(i) };
      grown.set(i, cluster);
    }
    return cluster;
  };

  while (heap.size > 0) {
    const { a, b, versionA, versionB } = heap.entry(heap.pop());
    if (gone[a] || gone[b] || version[a] !== versionA || version[b] !== versionB) continue;
    // Neighbours that are single documents take a cluster of their own to follow the merge.
    const x = grow(a);
    const y = grow(b);
    for (const k of x.links.keys()) if (k !== b) grow(k);
    for (const k of y.links.keys()) if (k !== a) grow(k);
    for (const member of y.members) x.members.push(member);
    mergeInto(x.times, y.times);
    x.undated += y.undated;
    x.links.delete(b);
    for (const [k, weight] of y.links) {
      if (k === a) continue;
      const sum = (x.links.get(k) ?? 0) + weight;
      x.links.set(k, sum);
      const other = grow(k);
      other.links.delete(b);
      other.links.set(a, sum);
    }
    version[a] += 1;
    gone[b] = 1;
    owner[b] = a;
    grown.delete(b);
    for (const [k, sum] of x.links) offer(a, k, sum);
  }

  const out: number[][] = [];
  ordered.forEach((node, i) => {
    if (!gone[i]) out.push(grown.get(i)?.members.sort(earlier) ?? [node]);
  });
  return out;
};
