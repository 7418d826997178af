import { resized } from './typed-arrays';

/**
 * Sparse term vectors and the reusable dense scratch space used to build and compare them without
 * allocating per term.
 */

/** A sparse vector over term ids, entries ordered by weight (highest first). */
export interface SparseVector {
  ids: Uint32Array;
  weights: Float32Array;
}

export const emptyVector = (): SparseVector => ({ ids: new Uint32Array(0), weights: new Float32Array(0) });

/** Euclidean norm. */
export const norm = (vector: SparseVector): number => {
  let sum = 0;
  for (let i = 0; i < vector.weights.length; i += 1) sum += vector.weights[i] * vector.weights[i];
  return Math.sqrt(sum);
};

/**
 * A dense accumulator indexed by term id that remembers which entries it touched, so it can be
 * read out sparsely and cleared in time proportional to what was written.
 */
export class DenseScratch {
  values = new Float64Array(1024);
  /** 1 for the ids written since the last `clear`: a byte per term, read before `values` in hot loops. */
  seen = new Uint8Array(1024);
  touched = new Int32Array(256);
  count = 0;
  private order = new Int32Array(256);
  private buffer = new Float64Array(256);

  /** Makes room for term ids below `size`. */
  ensure(size: number): void {
    if (size <= this.values.length) return;
    const next = Math.max(size, Math.ceil(this.values.length * 1.5));
    this.values = resized(this.values, next);
    this.seen = resized(this.seen, next);
  }

  add(id: number, weight: number): void {
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      if (this.count === this.touched.length) this.touched = resized(this.touched, this.touched.length * 2);
      this.touched[this.count] = id;
      this.count += 1;
    }
    this.values[id] += weight;
  }

  get(id: number): number {
    return id < this.values.length ? this.values[id] : 0;
  }

  /** Adds `scale` × a sparse vector. */
  addVector(vector: SparseVector, scale: number): void {
    for (let i = 0; i < vector.ids.length; i += 1) this.add(vector.ids[i], scale * vector.weights[i]);
  }

  /** Σ vector·this over the vector's entries. */
  dot(vector: SparseVector): number {
    let sum = 0;
    const values = this.values;
    for (let i = 0; i < vector.ids.length; i += 1) {
      const id = vector.ids[i];
      if (id < values.length) sum += values[id] * vector.weights[i];
    }
    return sum;
  }

  /** Euclidean norm of what was written. */
  norm(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i += 1) {
      const value = this.values[this.touched[i]];
      sum += value * value;
    }
    return Math.sqrt(sum);
  }

  /** Adds a sparse vector, growing to fit its ids. */
  load(vector: SparseVector): void {
    this.ensure(maxId(vector) + 1);
    this.addVector(vector, 1);
  }

  clear(): void {
    for (let i = 0; i < this.count; i += 1) {
      const id = this.touched[i];
      this.values[id] = 0;
      this.seen[id] = 0;
    }
    this.count = 0;
  }

  /**
   * The `limit` largest positive entries as a unit-length sparse vector (ties broken by lower id,
   * so results are deterministic). Does not clear.
   */
  top(limit: number): SparseVector {
    if (this.order.length < this.count) this.order = new Int32Array(this.touched.length);
    const order = this.order;
    const values = this.values;
    let n = 0;
    for (let i = 0; i < this.count; i += 1) {
      const id = this.touched[i];
      if (values[id] > 0) order[n++] = id;
    }
    const k = Math.min(n, Math.max(0, limit));
    if (this.buffer.length < n) this.buffer = new Float64Array(this.order.length);
    const kept = strongestKeys(order, n, values, k, this.buffer);
    let sum = 0;
    for (const id of kept) sum += values[id] * values[id];
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    const vector: SparseVector = { ids: new Uint32Array(k), weights: new Float32Array(k) };
    for (let i = 0; i < k; i += 1) {
      vector.ids[i] = kept[i];
      vector.weights[i] = values[kept[i]] * scale;
    }
    return vector;
  }
}

/**
 * The `k` keys of `keys[0, count)` with the largest `values[key]`, strongest first, equal values
 * by lower key: everything above the k-th largest value, then ties at it. `buffer` (at least
 * `count` long) is overwritten.
 */
export const strongestKeys = (keys: Int32Array, count: number, values: ArrayLike<number>, k: number, buffer: Float64Array): number[] => {
  const kept: number[] = [];
  if (k <= 0) return kept;
  if (k < count) {
    for (let i = 0; i < count; i += 1) buffer[i] = values[keys[i]];
    const threshold = kthLargest(buffer, count, k);
    const ties: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const key = keys[i];
      if (values[key] > threshold) kept.push(key);
      else if (values[key] === threshold) ties.push(key);
    }
    ties.sort((a, b) => a - b);
    for (let i = 0; kept.length < k && i < ties.length; i += 1) kept.push(ties[i]);
  } else for (let i = 0; i < count; i += 1) kept.push(keys[i]);
  kept.sort((a, b) => (values[b] > values[a] ? 1 : values[b] < values[a] ? -1 : a - b));
  return kept;
};

/** The k-th largest of `values[0, n)` (1 ≤ k ≤ n); reorders them. Quickselect, linear on average. */
export const kthLargest = (values: Float64Array, n: number, k: number): number => {
  const target = k - 1;
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    // Median of three, moved to `high` as the pivot.
    if (values[middle] > values[low]) swap(values, middle, low);
    if (values[high] > values[low]) swap(values, high, low);
    if (values[middle] > values[high]) swap(values, middle, high);
    const pivot = values[high];
    let store = low;
    for (let i = low; i < high; i += 1) {
      if (values[i] > pivot) {
        swap(values, i, store);
        store += 1;
      }
    }
    swap(values, store, high);
    if (store === target) return values[store];
    if (store < target) low = store + 1;
    else high = store - 1;
  }
  return values[target];
};

const swap = (values: Float64Array, a: number, b: number): void => {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
};

/** Largest id in a vector (-1 when empty). */
export const maxId = (vector: SparseVector): number => {
  let max = -1;
  for (let i = 0; i < vector.ids.length; i += 1) if (vector.ids[i] > max) max = vector.ids[i];
  return max;
};
