import { CandidateAccumulator } from './candidate-accumulator';
import { dateAt, decodedWeights, type ProfileRuns } from './doc-store';
import { SharedListsReader, type SharedLists } from './inverted-index';
import { recencyFactor, similarity } from './score';
import type { RelatedSettings } from './settings';
import { DenseScratch, type SparseVector } from './vector';

/**
 * A list's contenders: the candidates its query reads from the index of profiles, the best
 * rescored exactly (cosine of profiles × recency), cut to the few that can fill the list. The
 * rest of a list (stories, own-word cosines, selection, reasons) starts from them. This is most
 * of a list's arithmetic and reads only typed arrays, so a helper thread given them over shared
 * memory (`ListScoringShare`) finds the same contenders as the engine's own thread.
 */

/** Candidates per wanted link that may enter a list, the best by score. */
const CONTENDERS_PER_LINK = 4;

export interface Scored {
  slot: number;
  score: number;
}

/** What finding contenders reads of one locale's index. */
export interface ContenderSource {
  readonly settings: RelatedSettings;
  readonly index: { accumulate(query: SparseVector, maxTerms: number, scan: number, acc: CandidateAccumulator): void };
  readonly accumulator: CandidateAccumulator;
  readonly scratch: DenseScratch;
  /** Slots are below this. */
  readonly capacity: number;
  readonly byId: (a: number, b: number) => number;
  profileArena(): ProfileRuns;
  profileOffset(slot: number): number;
  /** Entries of the slot's profile (0 when it has none). */
  profileCount(slot: number): number;
  publishedAt(slot: number): number | null;
}

/** Similarity × recency between the target loaded in `source.scratch` (published at `publishedAt`) and a slot. */
export const exactScore = (source: ContenderSource, publishedAt: number | null, slot: number, arena: ProfileRuns = source.profileArena()): number => {
  const count = source.profileCount(slot);
  if (count === 0) return 0;
  const from = source.profileOffset(slot);
  return similarity(source.scratch, arena, from, from + count) * recencyFactor(publishedAt, source.publishedAt(slot), source.settings);
};

/**
 * The `pool` best candidates of a query (never `blocked` slots), each rescored exactly, in the
 * index's order. With `listing`, slots that never show in a list are not candidates.
 */
export const scoreCandidates = (
  source: ContenderSource,
  query: { vector: SparseVector; publishedAt: number | null },
  pool: number,
  listing: boolean,
  blocked: Iterable<number>,
): Scored[] => {
  const { settings, scratch, accumulator } = source;
  scratch.clear();
  scratch.load(query.vector);
  accumulator.begin(source.capacity, listing);
  for (const slot of blocked) accumulator.block(slot);
  source.index.accumulate(query.vector, settings.queryTerms, settings.postings.scan, accumulator);
  const arena = source.profileArena();
  const scored = accumulator.top(pool, source.byId).map((slot) => ({ slot, score: exactScore(source, query.publishedAt, slot, arena) }));
  scratch.clear();
  return scored;
};

/** Orders scored candidates best first (equal scores by id), in place. */
export const byScore = (scored: Scored[], byId: (a: number, b: number) => number): Scored[] => scored.sort((a, b) => b.score - a.score || byId(a.slot, b.slot));

/** The candidates of a list of `limit` links among which it is chosen: the best by score. */
export const contendersOf = (scored: Scored[], limit: number, byId: (a: number, b: number) => number): Scored[] => {
  byScore(scored, byId);
  scored.length = Math.min(scored.length, CONTENDERS_PER_LINK * limit);
  return scored;
};

/** The pool a list of `limit` links reads from the index. */
export const listPool = (settings: RelatedSettings, limit: number): number => Math.max(settings.candidates, limit);

/**
 * What a helper thread needs to find contenders in one locale's index: the index's lists and
 * every profile over shared memory, copies of the small per-slot tables. Valid for the index's
 * `generation`: contenders found from an older one are not used.
 */
export interface ListScoringShare {
  locale: string;
  generation: number;
  settings: RelatedSettings;
  lists: SharedLists;
  profiles: ProfileRuns & { offsets: Int32Array; counts: Int32Array };
  /** ms since the epoch, NaN when unknown. */
  published: Float64Array;
  /** 1 for slots that never show in a list. */
  ineligible: Uint8Array;
  /** Slot → rank of its document's id: equal scores are ordered by id. */
  ranks: Int32Array;
  capacity: number;
}

/** A list whose contenders a helper finds: its document's slot, the links it wants, the slots it never shows. */
export interface ListTarget {
  locale: string;
  generation: number;
  slot: number;
  limit: number;
  blocked: number[];
}

/** Contenders found for a list, for the index's `generation`. */
export interface ListContenders {
  generation: number;
  slots: Int32Array;
  scores: Float64Array;
}

/** A share read as the engine reads its own index. */
const sharedSource = (share: ListScoringShare): ContenderSource => {
  const { profiles, published, ranks } = share;
  const accumulator = new CandidateAccumulator();
  accumulator.adoptIneligible(share.ineligible);
  return {
    settings: share.settings,
    index: new SharedListsReader(share.lists),
    accumulator,
    scratch: new DenseScratch(),
    capacity: share.capacity,
    byId: (a, b) => ranks[a] - ranks[b],
    profileArena: () => profiles,
    profileOffset: (slot) => profiles.offsets[slot],
    profileCount: (slot) => (slot < profiles.counts.length ? profiles.counts[slot] : 0),
    publishedAt: (slot) => dateAt(published, slot),
  };
};

/** Finds the contenders of lists from a share: the work of a helper thread. */
export const listContendersFinder = (share: ListScoringShare): ((target: ListTarget) => Scored[]) => {
  const source = sharedSource(share);
  const { profiles } = share;
  return ({ slot, limit, blocked }) => {
    const from = profiles.offsets[slot];
    const to = from + profiles.counts[slot];
    const vector = { ids: profiles.ids.subarray(from, to), weights: decodedWeights(profiles.weights.subarray(from, to)) };
    const query = { vector, publishedAt: source.publishedAt(slot) };
    return contendersOf(scoreCandidates(source, query, listPool(share.settings, limit), true, [slot, ...blocked]), limit, source.byId);
  };
};

/**
 * A block's contenders in four arrays, whatever its size (a typed array each would cost two
 * allocations per list, on both threads): list i's are `slots` and `scores` from `starts[i]` to
 * `starts[i + 1]`, found for the generation `generations[i]` (NaN: none found).
 */
export interface PackedContenders {
  generations: Float64Array<ArrayBuffer>;
  starts: Int32Array<ArrayBuffer>;
  slots: Int32Array<ArrayBuffer>;
  scores: Float64Array<ArrayBuffer>;
}

/** Packs each list's contenders (null where none was found), with the generation it was found for. */
export const packContenders = (found: ({ generation: number; scored: Scored[] } | null)[]): PackedContenders => {
  const total = found.reduce((sum, one) => sum + (one?.scored.length ?? 0), 0);
  const packed = {
    generations: new Float64Array(found.length),
    starts: new Int32Array(found.length + 1),
    slots: new Int32Array(total),
    scores: new Float64Array(total),
  };
  let at = 0;
  found.forEach((one, i) => {
    packed.starts[i] = at;
    packed.generations[i] = one ? one.generation : Number.NaN;
    for (const { slot, score } of one?.scored ?? []) {
      packed.slots[at] = slot;
      packed.scores[at] = score;
      at += 1;
    }
  });
  packed.starts[found.length] = at;
  return packed;
};

/** Each list's contenders (views into the packed arrays), undefined where none was found. */
export const unpackContenders = ({ generations, starts, slots, scores }: PackedContenders): (ListContenders | undefined)[] =>
  Array.from(generations, (generation, i) =>
    Number.isNaN(generation) ? undefined : { generation, slots: slots.subarray(starts[i], starts[i + 1]), scores: scores.subarray(starts[i], starts[i + 1]) },
  );
