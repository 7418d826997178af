import type { ArticleProfile, IndexableArticle, ProfileBlock, ProfileStageShare } from '../related';

/** A batch of articles for the analysis thread. */
export interface AnalysisRequest {
  kind: 'analyse';
  id: number;
  articles: IndexableArticle[];
}

/** The batch's profiles, in the order of its articles, or why it failed. */
export type AnalysisReply = { kind: 'analyse'; id: number; profiles: ArticleProfile[] } | { kind: 'analyse'; id: number; error: string };

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

export type ThreadRequest = AnalysisRequest | ProfileShareMessage | ProfileBlockRequest;
export type ThreadReply = AnalysisReply | ProfileBlockReply;
