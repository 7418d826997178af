import type { DocumentStore } from './doc-store';
import { DAY_MS } from './score';
import type { RelatedSettings } from './settings';
import { StoryGraph } from './story-graph';

export const storiesOn = (settings: RelatedSettings): boolean => settings.stories.threshold < 1;

/** Whether two publication times are close enough for one story (an unknown date is no gap). */
export const withinStoryGap = (a: number | null, b: number | null, settings: RelatedSettings): boolean =>
  a === null || b === null || Math.abs(a - b) <= settings.stories.maxGapDays * DAY_MS;

/**
 * The stories of one locale's documents, by id. Edges come from profile computations (a
 * document's mates: the candidates whose own-word cosine reaches the threshold) or back from
 * stored vectors, which carry them: whenever a document's edges change, the stored vectors of both
 * ends are out of date (`vectorsChanged`). Stories are named lazily: `settle` before reading them.
 */
export class LocaleStories {
  readonly graph: StoryGraph;
  /** Documents whose story changed since `takeChanges` was last called. */
  private readonly changed = new Set<string>();

  constructor(
    private readonly docs: DocumentStore,
    settings: RelatedSettings,
    private readonly vectorsChanged: Set<string>,
    private readonly byId: (a: number, b: number) => number,
  ) {
    this.graph = new StoryGraph(
      (a, b) => this.earlier(a, b),
      (slot) => this.docs.publishedAt(slot),
      settings.stories.maxGapDays * DAY_MS,
      settings.stories.cohesion,
    );
  }

  /** Earlier publication first (unknown dates last), then by id: how a story picks its name. */
  private earlier(a: number, b: number): number {
    const ta = this.docs.publishedAt(a) ?? Number.POSITIVE_INFINITY;
    const tb = this.docs.publishedAt(b) ?? Number.POSITIVE_INFINITY;
    return ta < tb ? -1 : ta > tb ? 1 : this.byId(a, b);
  }

  /** Marks documents whose story edges changed: their stored vectors carry them. */
  private relinked(slots: Iterable<number>): void {
    for (const slot of slots) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.vectorsChanged.add(id);
    }
  }

  /** A restored document's stored edges: each is stored at both ends, it comes back when the second end does. */
  restore(slot: number, stored: Array<[string, number]>): void {
    const mates = stored.flatMap(([mate, weight]): Array<[number, number]> => {
      const other = this.docs.slotOf(mate);
      return other === undefined ? [] : [[other, weight]];
    });
    this.graph.addMates(slot, mates);
  }

  /** A recomputed profile's mates become the document's edges. */
  relink(slot: number, mates: Array<[number, number]>): void {
    this.relinked(this.graph.matesOf(slot).map(([mate]) => mate));
    this.graph.setMates(slot, mates);
    this.relinked(mates.map(([mate]) => mate));
  }

  /** A document leaves (its slot still holds it): its mates lose an edge, its story changes. */
  forget(slot: number, id: string): void {
    this.relinked(this.graph.matesOf(slot).map(([mate]) => mate));
    this.graph.remove(slot);
    this.changed.add(id);
  }

  /** The document's edges as stored: the other document's id and the pair's cosine. */
  matesToStore(slot: number): Array<[string, number]> {
    return this.graph.matesOf(slot).flatMap(([mate, weight]): Array<[string, number]> => {
      const id = this.docs.idOf(mate);
      return id === undefined ? [] : [[id, weight]];
    });
  }

  /** Names the stories touched since the last call, and notes whose story changed. */
  settle(): void {
    this.settleSome(Number.POSITIVE_INFINITY);
  }

  /** Whether every story is named. */
  get settled(): boolean {
    return this.graph.settled;
  }

  /** `settle` for about `budget` documents; true when it is over. */
  settleSome(budget: number): boolean {
    const changed: number[] = [];
    const done = this.graph.settleSome((candidate) => this.docs.idOf(candidate) !== undefined, budget, changed);
    for (const slot of changed) {
      const id = this.docs.idOf(slot);
      if (id !== undefined) this.changed.add(id);
    }
    return done;
  }

  /** The story of a document: named after its earliest article (itself when it stands alone). */
  storyOf(slot: number): string | undefined {
    return this.docs.idOf(this.graph.rootOf(slot));
  }

  /** The documents of a document's story, itself included, earliest first. */
  members(slot: number): string[] {
    return this.graph.members(slot).flatMap((member) => this.docs.idOf(member) ?? []);
  }

  /** Documents whose story (its name or its members) changed since the last call. */
  takeChanges(): string[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }
}
