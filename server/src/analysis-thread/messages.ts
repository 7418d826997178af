import type {
  ArticleProfile,
  IndexableArticle,
  ListScoringShare,
  ListTarget,
  PackedContenders,
  ProfileBlock,
  ProfileStageShare,
  SharedLists,
} from '../related';

/** A batch of articles for the analysis thread. */
export interface AnalysisRequest {
  kind: 'analyse';
  id: number;
  articles: IndexableArticle[];
}

/** The batch's profiles, in the order of its articles, or why it failed. */
export type AnalysisReply = { kind: 'analyse'; id: number; profiles: ArticleProfile[] } | { kind: 'analyse'; id: number; error: string };

/**
 * A part of the next share's lists (a share comes with its lists left empty, after its parts).
 * Node looks each array's shared buffer up among those the message already holds, so one message
 * with every list costs time quadratic in their number (1.2 s at 300,000 articles).
 */
export interface ListsPartMessage {
  kind: 'lists-part';
  from: number;
  lists: SharedLists['lists'];
}

/** What a full reprofile's blocks of profiles are computed from (sent once per pass, before its blocks). */
export interface ProfileShareMessage {
  kind: 'profile-share';
  share: ProfileStageShare;
}

/** A block of profiles to compute with the last share. */
export interface ProfileBlockRequest {
  kind: 'profile-block';
  block: ProfileBlock;
}

/** The block's profiles are in its output; or why they could not be computed. */
export interface ProfileBlockReply {
  kind: 'profile-block';
  pass: number;
  from: number;
  /** Profiles written (the block's size), or none. */
  count: number;
  error?: string;
}

/** What a locale's lists' contenders are found from, until a share of a later generation comes. */
export interface ListShareMessage {
  kind: 'list-share';
  share: ListScoringShare;
}

/**
 * Lists whose contenders to find, unless the asking thread took them first: the block is
 * `claims[claim]`, which the thread that starts it sets (`claimedByHelper`) from 0.
 */
export interface ListBlockRequest {
  kind: 'list-block';
  id: number;
  claims: Int32Array;
  claim: number;
  targets: ListTarget[];
}

/** A block's claim: 0 while no thread started it. */
export const claimedByHelper = 1;
export const claimedByAsker = 2;

/**
 * Each target's contenders, in order (none for one whose locale's share is not of its
 * generation); none at all when the asking thread took the block.
 */
export type ListBlockReply =
  | { kind: 'list-block'; id: number; contenders: PackedContenders }
  | { kind: 'list-block'; id: number; taken: true }
  | { kind: 'list-block'; id: number; error: string };

export type ThreadRequest = AnalysisRequest | ListsPartMessage | ProfileShareMessage | ProfileBlockRequest | ListShareMessage | ListBlockRequest;
export type ThreadReply = AnalysisReply | ProfileBlockReply | ListBlockReply;
