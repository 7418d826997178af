import { resized } from './typed-arrays';

/**
 * Corpus-wide term statistics, kept up to date incrementally: a term dictionary (string ↔ dense
 * integer id), document frequencies, document count and total length. From them, the smoothed
 * IDF and the BM25 term-frequency saturation used to weight every profile.
 */

const grow = <T extends Int32Array | Float64Array>(array: T, needed: number): T =>
  needed <= array.length ? array : resized(array, Math.max(needed, Math.ceil(array.length * 1.5), 1024));

/**
 * Interns term strings as dense integer ids. Ids stay valid until `renumber`, which a full
 * recomputation of the profiles calls.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private terms: string[] = [];

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  term(id: number): string {
    return this.terms[id];
  }

  /**
   * Gives the terms `kept` (old ids) the ids 0, 1, … in that order and forgets the others;
   * returns old id → new id (-1 for a forgotten term).
   */
  renumber(kept: ArrayLike<number>): Int32Array {
    const map = new Int32Array(this.terms.length).fill(-1);
    const terms = new Array<string>(kept.length);
    this.ids.clear();
    for (let id = 0; id < kept.length; id += 1) {
      const term = this.terms[kept[id]];
      terms[id] = term;
      map[kept[id]] = id;
      this.ids.set(term, id);
    }
    this.terms = terms;
    return map;
  }
}

const LENGTH_SCALE = 32;

/** BM25's length term for a corpus of this average length (a helper thread's frozen statistics use it too). */
export const lengthNormFor = (averageLength: number, length: number, k1: number, b: number): number => k1 * (1 - b + (b * length) / averageLength);
const lengthUnits = (length: number): number => Math.round(length * LENGTH_SCALE);

/** Document frequencies and lengths of one corpus (one locale). */
export class CorpusStats {
  /** Documents counted. */
  docCount = 0;
  /**
   * Sum of document lengths (weighted token counts) in 1/32 units: integer sums are exact, so
   * the same documents give the same statistics whatever the order they came and went in.
   */
  private totalUnits = 0;
  private df = new Int32Array(1024);
  /** ln(1 + x) for x = 0…docCount, so weighting needs no logarithm. */
  private log1p = new Float64Array(1024);
  private log1pFilled = 0;
  private lnDocs = 0;
  /** Bumped on every change, so the IDF table knows when it is stale. */
  private version = 0;
  private idfs = new Float64Array(0);
  private idfsAt = -1;
  private idfsMinDocFreq = -1;
  private idfsDocCount = -1;
  /**
   * Terms whose document frequency changed since the IDF table was built (null: too many to
   * track). A re-save keeps the document count, so only its terms' entries need rewriting: a
   * million-article archive holds some 400,000 terms, and rebuilding them all took milliseconds
   * of every save.
   */
  private idfsStale: number[] | null = null;

  /** Documents containing term `id`. */
  docFreq(id: number): number {
    return id < this.df.length ? this.df[id] : 0;
  }

  /** Mean document length (1 for an empty corpus). */
  get averageLength(): number {
    return this.docCount > 0 && this.totalUnits > 0 ? this.totalUnits / LENGTH_SCALE / this.docCount : 1;
  }

  private counted(): void {
    if (this.docCount + 1 >= this.log1pFilled) {
      if (this.docCount + 1 >= this.log1p.length) this.log1p = grow(this.log1p, this.docCount + 2);
      for (let i = this.log1pFilled; i < this.log1p.length; i += 1) this.log1p[i] = Math.log1p(i);
      this.log1pFilled = this.log1p.length;
    }
    this.lnDocs = this.log1p[this.docCount];
  }

  /**
   * Counts a document's distinct terms; returns the ids whose frequency went from 1 to 2 (terms
   * that just became shared) so the caller can refresh the other holder.
   */
  addDocument(termIds: ArrayLike<number>, length: number): number[] {
    let maxId = -1;
    for (let i = 0; i < termIds.length; i += 1) if (termIds[i] > maxId) maxId = termIds[i];
    this.df = grow(this.df, maxId + 1);
    const nowShared: number[] = [];
    for (let i = 0; i < termIds.length; i += 1) {
      const id = termIds[i];
      this.df[id] += 1;
      if (this.df[id] === 2) nowShared.push(id);
    }
    this.docCount += 1;
    this.totalUnits += lengthUnits(length);
    this.counted();
    this.changed(termIds);
    return nowShared;
  }

  /** Follows a `TermDictionary.renumber` (`map`: old id → new id or -1; `size` terms kept). */
  remap(map: Int32Array, size: number): void {
    const df = new Int32Array(Math.max(1024, size));
    for (let id = 0; id < map.length && id < this.df.length; id += 1) if (map[id] >= 0) df[map[id]] = this.df[id];
    this.df = df;
    this.idfsStale = null;
    this.version += 1;
  }

  /** Uncounts a document added with `addDocument`. */
  removeDocument(termIds: ArrayLike<number>, length: number): void {
    for (let i = 0; i < termIds.length; i += 1) {
      const id = termIds[i];
      if (id < this.df.length && this.df[id] > 0) this.df[id] -= 1;
    }
    this.docCount = Math.max(0, this.docCount - 1);
    this.totalUnits = this.docCount === 0 ? 0 : Math.max(0, this.totalUnits - lengthUnits(length));
    this.counted();
    this.changed(termIds);
  }

  /** Notes that these terms' document frequencies changed. */
  private changed(termIds: ArrayLike<number>): void {
    this.version += 1;
    const stale = this.idfsStale;
    if (stale === null) return;
    // Past a sixteenth of the table, rewriting it all costs about as much.
    if (stale.length + termIds.length > Math.max(1024, this.idfs.length >> 4)) this.idfsStale = null;
    else for (let i = 0; i < termIds.length; i += 1) stale.push(termIds[i]);
  }

  /**
   * Every term's IDF factor as `weight` applies it (0 below
   * `minDocFreq`), by term id: weighing many documents then costs one multiplication a term.
   * Rebuilt only when the statistics changed; ids past its end weigh 0.
   */
  idfTable(minDocFreq: number): Float64Array {
    if (this.idfsAt === this.version && this.idfsMinDocFreq === minDocFreq) return this.idfs;
    const stale = this.idfsStale;
    if (stale !== null && this.idfsMinDocFreq === minDocFreq && this.idfsDocCount === this.docCount) {
      // New terms are among the stale ones; the others past the old end weigh 0 (no document).
      if (this.idfs.length !== this.df.length) this.idfs = resized(this.idfs, this.df.length);
      for (const id of stale) this.idfs[id] = this.idfEntry(id, minDocFreq);
    } else {
      if (this.idfs.length !== this.df.length) this.idfs = new Float64Array(this.df.length);
      for (let id = 0; id < this.df.length; id += 1) this.idfs[id] = this.idfEntry(id, minDocFreq);
    }
    this.idfsStale = [];
    this.idfsAt = this.version;
    this.idfsMinDocFreq = minDocFreq;
    this.idfsDocCount = this.docCount;
    return this.idfs;
  }

  /** One entry of the IDF table. */
  private idfEntry(id: number, minDocFreq: number): number {
    const count = this.df[id];
    return count < minDocFreq || count === 0 ? 0 : this.idf(id);
  }

  /** Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`: always positive, flatter than BM25's. */
  idf(id: number): number {
    return this.lnDocs - this.log1p[Math.min(this.docFreq(id), this.docCount)] + 1;
  }

  /** The BM25 length term of a document, `k1 · (1 − b + b · length / average length)`. */
  lengthNorm(length: number, k1: number, b: number): number {
    return lengthNormFor(this.averageLength, length, k1, b);
  }

  /**
   * A term's weight in a document: BM25 saturation `tf·(k1+1) / (tf + lengthNorm)` × smoothed
   * IDF; 0 for terms in fewer than `minDocFreq` documents.
   */
  weight(id: number, tf: number, lengthNorm: number, k1: number, minDocFreq: number): number {
    const df = id < this.df.length ? this.df[id] : 0;
    if (df < minDocFreq || df === 0) return 0;
    return ((tf * (k1 + 1)) / (tf + lengthNorm)) * (this.lnDocs - this.log1p[df <= this.docCount ? df : this.docCount] + 1);
  }
}
