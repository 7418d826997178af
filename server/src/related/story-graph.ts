import { averageLinkage } from './average-linkage';

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
   * Each document's edges, `[other, weight, other, weight, …]` by slot: a few numbers per
   * document (an object per edge cost 100 MiB at 100,000 articles).
   */
  private readonly edges: Array<number[] | undefined> = [];
  /** Each document in a story of two or more → the story's earliest document. */
  private readonly root = new Map<number, number>();
  /** Each story's members (by its root). */
  private readonly stories = new Map<number, number[]>();
  private readonly touched = new Set<number>();

  constructor(
    private readonly earlier: (a: number, b: number) => number,
    private readonly timeOf: (slot: number) => number | null,
    private readonly maxGapMs: number,
    private readonly cohesion: number,
  ) {}

  private linkOne(from: number, to: number, weight: number): void {
    const row = (this.edges[from] ??= []);
    for (let i = 0; i < row.length; i += 2) {
      if (row[i] !== to) continue;
      // Both ends may find the pair: the larger cosine stands (the same number up to rounding).
      if (row[i + 1] < weight) {
        row[i + 1] = weight;
        this.touched.add(from);
      }
      return;
    }
    row.push(to, weight);
    this.touched.add(from);
  }

  private link(a: number, b: number, weight: number): void {
    if (a === b) return;
    this.linkOne(a, b, weight);
    this.linkOne(b, a, weight);
  }

  private unlinkAll(slot: number): void {
    const row = this.edges[slot];
    if (row) {
      for (let i = 0; i < row.length; i += 2) {
        const back = this.edges[row[i]];
        if (back) {
          for (let j = 0; j < back.length; j += 2) {
            if (back[j] === slot) {
              back.splice(j, 2);
              break;
            }
          }
          if (back.length === 0) this.edges[row[i]] = undefined;
        }
        this.touched.add(row[i]);
      }
    }
    this.edges[slot] = undefined;
    this.touched.add(slot);
  }

  /** The document's edges become exactly these (a save: its story is decided anew). */
  setMates(slot: number, mates: Iterable<[number, number]>): void {
    this.unlinkAll(slot);
    this.touched.add(slot);
    for (const [mate, weight] of mates) this.link(slot, mate, weight);
  }

  /** Adds edges (a full pass, where every document adds what it found). */
  addMates(slot: number, mates: Iterable<[number, number]>): void {
    for (const [mate, weight] of mates) this.link(slot, mate, weight);
  }

  /** A document leaves: its story may split. */
  remove(slot: number): void {
    this.unlinkAll(slot);
  }

  /** Every edge goes (before a full pass); every story is recomputed by the next `settle`. */
  clear(): void {
    for (const slot of this.root.keys()) this.touched.add(slot);
    this.edges.length = 0;
  }

  /** The document's edges: the other document and the pair's cosine. */
  matesOf(slot: number): Array<[number, number]> {
    const row = this.edges[slot] ?? [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < row.length; i += 2) out.push([row[i], row[i + 1]]);
    return out;
  }

  /** The story's earliest document (the document itself when alone). */
  rootOf(slot: number): number {
    return this.root.get(slot) ?? slot;
  }

  /** The documents of the document's story, itself included, earliest first. */
  members(slot: number): number[] {
    return this.stories.get(this.rootOf(slot)) ?? [slot];
  }

  /**
   * Names again the stories of the documents touched since the last call, and of the stories next
   * to them (`alive` tells which slots still hold a document); answers the documents whose story
   * changed. A split or a merge stays among the stories a change touched or borders.
   */
  settle(alive: (slot: number) => boolean): number[] {
    const region = new Set<number>();
    const add = (slot: number): void => {
      for (const member of this.members(slot)) region.add(member);
    };
    for (const slot of this.touched) {
      add(slot);
      const row = this.edges[slot];
      if (!row) continue;
      for (let i = 0; i < row.length; i += 2) add(row[i]);
      // A grown array keeps room for twice its edges and more: a copy holds just them.
      this.edges[slot] = row.slice();
    }
    this.touched.clear();
    // What the region's stories were (a document alone has no entry): to tell what changed.
    const rootBefore = new Map<number, number>();
    const sizeBefore = new Map<number, number>();
    for (const slot of region) {
      const root = this.root.get(slot);
      if (root === undefined) continue;
      rootBefore.set(slot, root);
      if (!sizeBefore.has(root)) sizeBefore.set(root, this.stories.get(root)?.length ?? 1);
      this.stories.delete(root);
      this.root.delete(slot);
    }
    const nodes = [...region].filter(alive);
    const stories = averageLinkage({
      nodes,
      edges: (slot) => this.edges[slot] ?? [],
      timeOf: this.timeOf,
      maxGapMs: this.maxGapMs,
      cohesion: this.cohesion,
      earlier: this.earlier,
    });
    const changed: number[] = [];
    for (const story of stories) {
      const first = story[0];
      if (story.length > 1) {
        this.stories.set(first, story);
        for (const member of story) this.root.set(member, first);
      }
      for (const member of story) {
        const root = rootBefore.get(member) ?? member;
        if (root !== first || (sizeBefore.get(root) ?? 1) !== story.length) changed.push(member);
      }
    }
    return changed;
  }
}
