import { averageLinkage } from './average-linkage';
import { EdgeRows } from './edge-rows';
import { resized } from './typed-arrays';

/** Marks of `plan`: outside the region; in it; in it and alive, not reached yet; reached. */
const UNMARKED = 0;
const IN_REGION = 1;
const NODE = 2;
const SEEN = 3;

/** A `settleSome` under way: the region's clusters, the next to name, what its stories were. */
interface StoryWork {
  clusters: number[][];
  next: number;
  rootBefore: Map<number, number>;
  sizeBefore: Map<number, number>;
}

/**
 * Stories. Documents found to tell the same story are joined by weighted edges (their own term
 * vectors' cosine, see `smoothing.ts`); the stories are the clusters of this graph by average
 * linkage (`average-linkage.ts`). A story is named after its earliest document (publication
 * time, then id): it keeps its name while follow-ups join and unrelated documents come and go,
 * whatever order documents were indexed in. When documents change, the stories they were in and
 * those next to them are clustered again; a full pass (`clear`) clusters everything. Documents
 * are the index's slots; `earlier(a, b)` orders them.
 */
export class StoryGraph {
  /**
   * Each document's edges, `[other, weight, other, weight, …]` by slot (an object per edge cost
   * 100 MiB at 100,000 articles, an array per document about 330 bytes per article).
   */
  private readonly edges = new EdgeRows();
  /**
   * By slot: 1 + its story's earliest document, for a document in a story of two or more; 0 for
   * one alone. Maps of numbers and an array per story cost 85 bytes per article at 100,000.
   */
  private rootPlusOne = new Int32Array(1024);
  /** By slot: 1 + the next document of its story (earliest first); 0 for the last. */
  private nextPlusOne = new Int32Array(1024);
  private readonly touched = new Set<number>();
  /** By slot, while `plan` runs: where the document stands in the region (`UNMARKED` outside it). */
  private marks = new Uint8Array(1024);
  /** A `settleSome` under way. */
  private work: StoryWork | undefined;
  /** Story changes found by `finishWork`, for the next `settleSome` to hand over. */
  private readonly owedChanges: number[] = [];

  constructor(
    private readonly earlier: (a: number, b: number) => number,
    private readonly timeOf: (slot: number) => number | null,
    private readonly maxGapMs: number,
    private readonly cohesion: number,
  ) {}

  private linkOne(from: number, to: number, cosine: number): void {
    // As the row keeps it: an equal cosine found again changes nothing.
    const weight = Math.fround(cosine);
    const row = this.edges.row(from);
    for (let i = 0; i < row.length; i += 2) {
      if (row[i] !== to) continue;
      // Both ends may find the pair: the larger cosine stands (the same number up to rounding).
      if (row[i + 1] < weight) {
        row[i + 1] = weight;
        this.touched.add(from);
      }
      return;
    }
    this.edges.append(from, to, weight);
    this.touched.add(from);
  }

  private link(a: number, b: number, weight: number): void {
    if (a === b) return;
    this.linkOne(a, b, weight);
    this.linkOne(b, a, weight);
  }

  private unlinkAll(slot: number): void {
    const mates = this.edges.row(slot).slice();
    for (let i = 0; i < mates.length; i += 2) {
      const mate = mates[i];
      const back = this.edges.row(mate);
      for (let j = 0; j < back.length; j += 2) {
        if (back[j] === slot) {
          this.edges.cut(mate, j, 2);
          break;
        }
      }
      this.touched.add(mate);
    }
    this.edges.drop(slot);
    this.touched.add(slot);
  }

  /** The document's edges become exactly these (a save: its story is decided anew). */
  setMates(slot: number, mates: Iterable<[number, number]>): void {
    this.finishWork();
    this.unlinkAll(slot);
    this.touched.add(slot);
    for (const [mate, weight] of mates) this.link(slot, mate, weight);
  }

  /** Adds edges (a full pass, where every document adds what it found). */
  addMates(slot: number, mates: Iterable<[number, number]>): void {
    this.finishWork();
    for (const [mate, weight] of mates) this.link(slot, mate, weight);
  }

  /** A document leaves: its story may split. */
  remove(slot: number): void {
    this.finishWork();
    this.unlinkAll(slot);
  }

  /** Every edge goes (before a full pass); every story is recomputed by the next `settle`. */
  clear(): void {
    this.finishWork();
    for (let slot = 0; slot < this.rootPlusOne.length; slot += 1) if (this.inStory(slot)) this.touched.add(slot);
    this.edges.clear();
  }

  /** Bytes held by the edges. */
  get bytes(): number {
    return this.edges.bytes;
  }

  /** The document's edges: the other document and the pair's cosine. */
  matesOf(slot: number): Array<[number, number]> {
    const row = this.edges.row(slot);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < row.length; i += 2) out.push([row[i], row[i + 1]]);
    return out;
  }

  /** The story's earliest document (the document itself when alone). */
  rootOf(slot: number): number {
    return this.inStory(slot) ? this.rootPlusOne[slot] - 1 : slot;
  }

  /** The documents of the document's story, itself included, earliest first. */
  members(slot: number): number[] {
    if (!this.inStory(slot)) return [slot];
    const root = this.rootPlusOne[slot] - 1;
    const members = [root];
    for (let next = this.nextPlusOne[root]; next !== 0; next = this.nextPlusOne[next - 1]) members.push(next - 1);
    return members;
  }

  private inStory(slot: number): boolean {
    return slot < this.rootPlusOne.length && this.rootPlusOne[slot] !== 0;
  }

  /** Records a story of two or more, earliest first. */
  private setStory(story: number[]): void {
    let last = 0;
    for (const member of story) last = Math.max(last, member);
    if (last >= this.rootPlusOne.length) {
      const size = Math.max(last + 1, Math.ceil(this.rootPlusOne.length * 1.5));
      this.rootPlusOne = resized(this.rootPlusOne, size);
      this.nextPlusOne = resized(this.nextPlusOne, size);
    }
    for (let i = 0; i < story.length; i += 1) {
      this.rootPlusOne[story[i]] = story[0] + 1;
      this.nextPlusOne[story[i]] = i + 1 < story.length ? story[i + 1] + 1 : 0;
    }
  }

  /**
   * Names again the stories of the documents touched since the last call, and of the stories next
   * to them (`alive` tells which slots still hold a document); answers the documents whose story
   * changed. A split or a merge stays among the stories a change touched or borders.
   */
  settle(alive: (slot: number) => boolean): number[] {
    const changed: number[] = [];
    this.settleSome(alive, Number.POSITIVE_INFINITY, changed);
    return changed;
  }

  /**
   * Does `settle`'s work for about `budget` documents (at least one cluster of the graph, or the
   * plan of the region) and adds the documents whose story changed to `changed`; true when none
   * is left. Clusters of the graph are named one by one: stories never cross them, so the result
   * is the same as in one go. Until it returns true, `rootOf` and `members` may answer a document
   * of the region as alone (every read of the index settles first).
   */
  settleSome(alive: (slot: number) => boolean, budget: number, changed: number[]): boolean {
    changed.push(...this.owedChanges.splice(0));
    let done = 0;
    for (;;) {
      if (!this.work) {
        if (this.touched.size === 0) return true;
        this.work = this.plan(alive);
        // Planning goes over the whole region: a step of its own.
        if (Number.isFinite(budget)) return false;
      }
      const work = this.work;
      while (work.next < work.clusters.length && done < budget) {
        const nodes = work.clusters[work.next];
        work.next += 1;
        this.name(nodes, work, changed);
        done += nodes.length;
      }
      if (work.next < work.clusters.length) return false;
      this.work = undefined;
    }
  }

  /** Whether nothing is left for `settle` to do. */
  get settled(): boolean {
    return !this.work && this.touched.size === 0;
  }

  /** Finishes a `settleSome` under way: before any edge changes. */
  private finishWork(): void {
    const work = this.work;
    if (!work) return;
    while (work.next < work.clusters.length) {
      this.name(work.clusters[work.next], work, this.owedChanges);
      work.next += 1;
    }
    this.work = undefined;
  }

  /** The region to name again, split into the graph's clusters, with what its stories were. */
  private plan(alive: (slot: number) => boolean): StoryWork {
    // After a full pass the region is every document: marks by slot instead of sets (a set of a
    // million numbers and the search through it held the thread for seconds).
    const region: number[] = [];
    const enter = (slot: number): void => {
      if (slot >= this.marks.length) this.marks = resized(this.marks, Math.max(slot + 1, Math.ceil(this.marks.length * 1.5)));
      if (this.marks[slot] !== UNMARKED) return;
      this.marks[slot] = IN_REGION;
      region.push(slot);
    };
    // A story enters whole: a document already in the region brought its story with it.
    const add = (slot: number): void => {
      if (slot < this.marks.length && this.marks[slot] !== UNMARKED) return;
      if (!this.inStory(slot)) enter(slot);
      else for (let next = this.rootPlusOne[slot]; next !== 0; next = this.nextPlusOne[next - 1]) enter(next - 1);
    };
    for (const slot of this.touched) {
      add(slot);
      const row = this.edges.row(slot);
      for (let i = 0; i < row.length; i += 2) add(row[i]);
    }
    this.touched.clear();
    this.edges.trimIfLoose();
    // What the region's stories were (a document alone has no entry): to tell what changed.
    const rootBefore = new Map<number, number>();
    const sizeBefore = new Map<number, number>();
    for (const slot of region) {
      if (!this.inStory(slot)) continue;
      const root = this.rootPlusOne[slot] - 1;
      rootBefore.set(slot, root);
      sizeBefore.set(root, (sizeBefore.get(root) ?? 0) + 1);
    }
    // Every member of a story met is in the region: its stories go whole.
    for (const slot of rootBefore.keys()) {
      this.rootPlusOne[slot] = 0;
      this.nextPlusOne[slot] = 0;
    }
    const marks = this.marks;
    const nodes: number[] = [];
    for (const slot of region) {
      if (!alive(slot)) continue;
      marks[slot] = NODE;
      nodes.push(slot);
    }
    const clusters: number[][] = [];
    for (const start of nodes) {
      if (marks[start] !== NODE) continue;
      marks[start] = SEEN;
      const cluster = [start];
      for (let at = 0; at < cluster.length; at += 1) {
        const row = this.edges.row(cluster[at]);
        for (let i = 0; i < row.length; i += 2) {
          const other = row[i];
          if (other < marks.length && marks[other] === NODE) {
            marks[other] = SEEN;
            cluster.push(other);
          }
        }
      }
      clusters.push(cluster);
    }
    for (const slot of region) marks[slot] = UNMARKED;
    return { clusters, next: 0, rootBefore, sizeBefore };
  }

  /** Names the stories of one cluster of the region. */
  private name(nodes: number[], work: StoryWork, changed: number[]): void {
    const stories = averageLinkage({
      nodes,
      edges: (slot) => this.edges.row(slot),
      timeOf: this.timeOf,
      maxGapMs: this.maxGapMs,
      cohesion: this.cohesion,
      earlier: this.earlier,
    });
    for (const story of stories) {
      const first = story[0];
      if (story.length > 1) this.setStory(story);
      for (const member of story) {
        const root = work.rootBefore.get(member) ?? member;
        if (root !== first || (work.sizeBefore.get(root) ?? 1) !== story.length) changed.push(member);
      }
    }
  }
}
