/**
 * The admin API's side panels, typed once for the server that answers and the admin that asks.
 * Contracts hold types only: the admin imports them with `import type`, so no server code reaches
 * its bundle.
 */

/** `?locale=` of a read, `{ locale }` of a write; the app's default locale when left out. */
export interface Localized {
  locale?: string;
}

export interface ArticleRef {
  documentId: string;
  title: string;
}

/** Pins (in order) and exclusions, always replaced whole. */
export interface Rules {
  pinned: string[];
  excluded: string[];
}

export interface ArticleRuleSet extends Rules {
  /** Articles taken out of the article's story; left as they are when omitted. */
  notInStory?: string[];
}

/** `published`: the draft matches the published version; `modified`: it has unpublished edits. */
export type ArticleState = 'draft' | 'published' | 'modified';

export interface PanelLink extends ArticleRef {
  slug: string;
  score: number;
  pinned: boolean;
  sameStory: boolean;
  reasons: string[];
}

export interface RelatedPanelData {
  documentId: string;
  locale: string;
  state: ArticleState;
  /** `stored`: the list the content API serves; `preview`: what a draft would get once published. */
  source: 'stored' | 'preview';
  links: PanelLink[];
  pinned: ArticleRef[];
  excluded: ArticleRef[];
  notInStory: ArticleRef[];
  /**
   * In the answer of a recompute (or of a rules change that recomputes) that was queued, and
   * `links` are still the stored ones: `worker`, this instance only serves and the worker
   * instance runs it; `rebuild`, it runs once the running rebuild has recomputed every profile.
   */
  queued?: 'worker' | 'rebuild';
}

/** A stored ranking's article; `figure` is its views, reactions or trend, by the ranking's kind. */
export interface RankingEntry {
  position: number;
  documentId: string;
  title: string;
  slug: string;
  section: { documentId: string; slug: string; name: string } | null;
  publicationDate: string | null;
  pinned: boolean;
  figure: number | null;
}

export interface RankingPanelData {
  documentId: string;
  locale: string;
  name: string;
  slug: string;
  kind: string;
  window: string;
  /** When the stored entries were computed; null before the first recompute. */
  computedAt: string | null;
  entries: RankingEntry[];
  pinned: ArticleRef[];
  excluded: ArticleRef[];
}

/** GET /newsroom/related/:documentId */
export declare namespace GetRelatedPanel {
  interface Request {
    params: { documentId: string };
    query: Localized;
  }
  interface Response {
    data: RelatedPanelData;
  }
}

/** PUT /newsroom/related/:documentId/rules */
export declare namespace UpdateRelatedRules {
  interface Request {
    params: { documentId: string };
    body: Localized & ArticleRuleSet;
  }
  interface Response {
    data: RelatedPanelData;
  }
}

/** POST /newsroom/related/:documentId/recompute */
export declare namespace RecomputeRelated {
  interface Request {
    params: { documentId: string };
    body: Localized;
  }
  interface Response {
    data: RelatedPanelData;
  }
}

/** GET /newsroom/rankings/:documentId */
export declare namespace GetRankingPanel {
  interface Request {
    params: { documentId: string };
    query: Localized;
  }
  interface Response {
    data: RankingPanelData;
  }
}

/** PUT /newsroom/rankings/:documentId/rules */
export declare namespace UpdateRankingRules {
  interface Request {
    params: { documentId: string };
    body: Localized & Rules;
  }
  interface Response {
    data: RankingPanelData;
  }
}

/** POST /newsroom/rankings/recompute: every automatic ranking at once. */
export declare namespace RecomputeRankings {
  interface Request {
    body: Localized;
  }
  interface Response {
    /** False when another instance was recomputing: its run includes the change. */
    data: { recomputed: boolean };
  }
}
