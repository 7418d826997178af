/** Shapes of the demo content. Everything here is original text written for this project. */

export type DemoLocale = 'en' | 'fr';

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  /** Slug of the parent section, for the breadcrumb. */
  parent?: string;
  position: number;
  fr: { name: string; description: string };
}

export interface DemoArticle {
  /** Unique per locale. */
  slug: string;
  locale: DemoLocale;
  /** For a French article: slug of the English article it translates (same document). */
  translationOf?: string;
  title: string;
  dek: string;
  /** Slug of a section from sections.ts. */
  section: string;
  tags: string[];
  byline: string;
  /** e.g. "SEOUL, South Korea —" */
  dateline: string;
  source: string;
  /** How long before the first seed the article was first published (1 to 720). */
  hoursAgo: number;
  /** Several paragraphs of plain text. */
  paragraphs: string[];
}

export type DemoRankingKind = 'most-viewed' | 'most-reacted' | 'trending' | 'editors-picks';
export type DemoRankingWindow = 'last-hour' | 'last-24-hours' | 'last-7-days' | 'last-30-days' | 'all-time';

export interface DemoRanking {
  slug: string;
  name: string;
  nameFr?: string;
  kind: DemoRankingKind;
  window: DemoRankingWindow;
  size: number;
  section?: string;
  /** Slugs of English articles, in order (editors' picks). */
  pinned?: string[];
}

export interface DemoPage {
  slug: string;
  title: string;
  body: string;
}
