import type { ArticleProfile, IndexableArticle, ProfileBlock, ProfileBlockResult, ProfileStageShare } from '../related';

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

/** A block's profiles, or why they could not be computed. */
export type ProfileBlockReply = { kind: 'profile-block'; result: ProfileBlockResult } | { kind: 'profile-block'; pass: number; from: number; error: string };

export type ThreadRequest = AnalysisRequest | ProfileShareMessage | ProfileBlockRequest;
export type ThreadReply = AnalysisReply | ProfileBlockReply;
