/**
 * Stories. Documents found to tell the same story are joined by weighted edges (their own term
 * vectors' cosine, see `LocaleIndex`); the groups of this graph that hold together on average
 * are the stories: within each connected group, clusters are merged best pair first while the
 * mean similarity of their members published close enough to compare (a missing edge counting
 * as 0) stays at least `cohesion` (average linkage). A story running for weeks holds together
 * through the articles published near each other. A single edge between two stories of one subject does not merge them, as it
 * would with plain connected groups. A story is named after its earliest document (publication
 * time, then id): it keeps its name while follow-ups join and unrelated documents come and go,
 * whatever order documents were indexed in. Documents are the index's slots; `earlier(a, b)`
 * orders them.
 */

/** Groups larger than this are not split by average linkage (its cost grows with the cube). */
const MAX_CLUSTERED = 400;

export class StoryGraph {
  private readonly edges = new Map<number, Map<number, number>>();
  /** Each document in a story of two or more → the story's earliest document. */
  private readonly root = new Map<number, number>();
  /** Each story's members (by its root). */
  private readonly stories = new Map<number, number[]>();
  private readonly touched = new Set<number>();

  constructor(
    private readonly earlier: (a: number, b: number) => number,
    /** Whether two documents were published close enough to be judged as one story's. */
    private readonly comparable: (a: number, b: number) => boolean,
    private readonly cohesion: number,
  ) {}

  private link(a: number, b: number, weight: number): void {
    if (a === b) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      let row = this.edges.get(from);
      if (!row) this.edges.set(from, (row = new Map()));
      // Both ends may find the pair: the larger cosine stands (the same number up to rounding).
      if (!(row.get(to) !== undefined && (row.get(to) as number) >= weight)) {
        row.set(to, weight);
        this.touched.add(from);
      }
    }
  }

  private unlinkAll(slot: number): void {
    const row = this.edges.get(slot);
    if (!row) return;
    for (const other of row.keys()) {
      const back = this.edges.get(other);
      back?.delete(slot);
      if (back?.size === 0) this.edges.delete(other);
      this.touched.add(other);
    }
    this.edges.delete(slot);
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
    this.edges.clear();
  }

  /** The document's edges: the other document and the pair's cosine. */
  matesOf(slot: number): Array<[number, number]> {
    return [...(this.edges.get(slot) ?? [])];
  }

  /** The story's earliest document (the document itself when alone). */
  rootOf(slot: number): number {
    return this.root.get(slot) ?? slot;
  }

  /** The documents of the document's story, itself included, earliest first. */
  members(slot: number): number[] {
    return this.stories.get(this.rootOf(slot)) ?? [slot];
  }

  private component(slot: number): number[] {
    const seen = new Set<number>([slot]);
    const queue = [slot];
    for (let i = 0; i < queue.length; i += 1) {
      for (const next of this.edges.get(queue[i])?.keys() ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return queue;
  }

  /** Average linkage within one connected group: its stories, each earliest first. */
  private cluster(group: number[]): number[][] {
    if (group.length > MAX_CLUSTERED) return [group.sort(this.earlier)];
    let clusters = group.sort(this.earlier).map((slot) => [slot]);
    for (;;) {
      let best = -1;
      let pair: [number, number] | undefined;
      for (let i = 0; i < clusters.length; i += 1) {
        for (let j = i + 1; j < clusters.length; j += 1) {
          let sum = 0;
          let pairs = 0;
          for (const a of clusters[i]) {
            const row = this.edges.get(a);
            for (const b of clusters[j]) {
              if (!this.comparable(a, b)) continue;
              pairs += 1;
              sum += row?.get(b) ?? 0;
            }
          }
          const mean = pairs === 0 ? 0 : sum / pairs;
          // Clusters are in a fixed order (by their earliest member): ties go to the first pair.
          if (mean > best) [best, pair] = [mean, [i, j]];
        }
      }
      if (!pair || best < this.cohesion) return clusters;
      const [i, j] = pair;
      const merged = [...clusters[i], ...clusters[j]].sort(this.earlier);
      clusters = clusters.filter((_, index) => index !== i && index !== j);
      clusters.push(merged);
      clusters.sort((a, b) => this.earlier(a[0], b[0]));
    }
  }

  /**
   * Names again the stories of every document touched since the last call (`alive` tells which
   * slots still hold a document); answers the documents whose story changed. Every piece of a
   * split group holds a touched document, so no member is missed.
   */
  settle(alive: (slot: number) => boolean): number[] {
    const changed: number[] = [];
    const done = new Set<number>();
    // Stories named in this call: an older entry under the same name is not this one.
    const fresh = new Set<number>();
    const drop = (slot: number): void => {
      const root = this.root.get(slot);
      if (root !== undefined && !fresh.has(root)) this.stories.delete(root);
      this.root.delete(slot);
    };
    for (const start of this.touched) {
      if (done.has(start)) continue;
      if (!alive(start)) {
        drop(start);
        continue;
      }
      const group = this.component(start);
      const before = new Map(group.map((slot) => [slot, { root: this.rootOf(slot), size: this.members(slot).length }]));
      for (const slot of group) {
        done.add(slot);
        drop(slot);
      }
      for (const story of this.cluster(group)) {
        const first = story[0];
        if (story.length > 1) {
          fresh.add(first);
          this.stories.set(first, story);
          for (const member of story) this.root.set(member, first);
        }
        for (const member of story) {
          const was = before.get(member);
          if (was?.root !== first || was.size !== story.length) changed.push(member);
        }
      }
    }
    this.touched.clear();
    return changed;
  }
}
