import type { ListContenders } from './list-contenders';

/** Public shapes of the engine's answers and options. */

/** One link of a related list. */
export interface RelatedLink {
  id: string;
  /** Similarity × recency factor, in [0, 1], 4 decimals. */
  score: number;
  /** The key terms both articles share, readable, strongest first. */
  reasons: string[];
  /** Present (true) for editor-pinned links. */
  pinned?: true;
  /** Present (true) for articles of the same story. */
  sameStory?: true;
}

/** Options of `related()`: the list's size and the editorial controls of the article. */
export interface RelatedOptions {
  /** Links wanted (pins included); defaults to `settings.listSize`. */
  limit?: number;
  /** Ids never to list (excluded articles). */
  exclude?: Iterable<string>;
  /** Ids to put first, in this order (if indexed in the same locale and listable). */
  pinned?: readonly string[];
  /** "Hide related on this article": the list is empty. */
  hideRelated?: boolean;
  /** Extra eligibility test for computed candidates (e.g. "still published"). */
  isEligible?: (id: string) => boolean;
  /** Overrides `settings.minScore`. */
  minScore?: number;
  /** Ids an editor took out of this article's story: listed, if at all, as any other link. */
  notInStory?: Iterable<string>;
  /**
   * The list's contenders, found by a helper thread (`listContendersFinder`) for an indexed
   * document: used when found for the index as it stands, else found again.
   */
  contenders?: ListContenders;
}

/** Options of `affectedBy()`. */
export interface AffectedOptions {
  /** Ids whose stored list currently contains the document (they may have to drop it). */
  listedIn?: Iterable<string>;
  /**
   * The lowest score in a document's stored list when that list is full (`-Infinity` when it is
   * not full, `undefined` when unknown). Documents beyond the `fanout` nearest are returned when
   * the saved document now beats that score.
   */
  kthScore?: (id: string) => number | undefined;
}

/** Health figures of the index. */
export interface EngineStats {
  documents: number;
  locales: Record<string, number>;
  terms: number;
  postings: number;
  pendingProfiles: number;
  /** Approximate bytes in typed arrays and postings (not counting JS object overhead). */
  approximateBytes: number;
}
