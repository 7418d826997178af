/** The admin API's answers, as the server shapes them (`server/src/services/*-panel.ts`, `dashboard.ts`). */

export interface ArticleRef {
  documentId: string;
  title: string;
}

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
  state: 'draft' | 'published' | 'modified';
  source: 'stored' | 'preview';
  links: PanelLink[];
  pinned: ArticleRef[];
  excluded: ArticleRef[];
  notInStory: ArticleRef[];
}

export interface RankingEntry {
  position: number;
  documentId: string;
  title: string;
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
  computedAt: string | null;
  entries: RankingEntry[];
  pinned: ArticleRef[];
  excluded: ArticleRef[];
}

export interface Rules {
  pinned: string[];
  excluded: string[];
}

/** An article's rules: a ranking's, and the articles taken out of its story. */
export interface ArticleRuleSet extends Rules {
  notInStory: string[];
}

export interface RebuildStatus {
  /** `refresh`: the automatic recomputation of every list once saves have paused. */
  kind: 'full' | 'refresh';
  status: 'running' | 'done' | 'failed';
  phase: string;
  total: number;
  done: number;
  progress: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface Overview {
  locale: string;
  rankings: Array<Omit<RankingPanelData, 'locale' | 'pinned' | 'excluded'>>;
  health: {
    indexed: number;
    lists: number;
    jobs: Record<string, number>;
    lastRebuild: RebuildStatus | null;
  };
  purge: {
    enabled: boolean;
    pending: number;
    sent: number;
    failed: number;
    lastSuccessAt: string | null;
    lastFailure: { at: string; message: string; keys: number } | null;
  };
}

export interface DayPoint {
  day: string;
  views: number;
  reactions: number;
}

export type SettingsValue = Record<string, unknown>;

export interface SettingsAnswer {
  settings: SettingsValue;
  rebuildStarted: boolean;
}
