import type { ArticleProfile, IndexableArticle } from '../related';

/** A batch of articles for the analysis thread. */
export interface AnalysisRequest {
  id: number;
  articles: IndexableArticle[];
}

/** The batch's profiles, in the order of its articles, or why it failed. */
export type AnalysisReply = { id: number; profiles: ArticleProfile[] } | { id: number; error: string };
