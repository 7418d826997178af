/** What the content API shows of sections and articles: explicit whitelists, nothing else. */

export interface SectionRef {
  documentId: string;
  slug: string;
  name: string;
}

export interface SectionNode extends SectionRef {
  description: string | null;
  position: number;
  children: SectionNode[];
}

/** An article in a list (related, rankings, recommendations, section fronts). */
export interface ArticleCard {
  documentId: string;
  title: string;
  slug: string;
  publicationDate: string | null;
  section: SectionRef | null;
}

/**
 * A link of an article's related list: why it is there (the key terms both share; none when
 * pinned), whether it is of the article's own story, and, for the links a site asked to fill the
 * box with (`fill`), what they are instead.
 */
export interface RelatedCard extends ArticleCard {
  reasons: string[];
  sameStory: boolean;
  fallback?: 'latest-in-section';
}

/** An article's story: named after its earliest article's document id; its published articles, oldest first. */
export interface StoryView {
  storyId: string;
  size: number;
  articles: ArticleCard[];
}

export interface Cover {
  url: string;
  alternativeText: string | null;
  width: number | null;
  height: number | null;
}

export interface ArticleView extends ArticleCard {
  locale: string;
  dek: string | null;
  body: unknown;
  byline: string | null;
  dateline: string | null;
  source: string | null;
  cover: Cover | null;
  tags: Array<{ name: string; slug: string }>;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}
