import type { DocumentKey } from '../articles/document-key';

/**
 * The cache keys (surrogate keys, cache tags) of the content API's answers. An answer carries the
 * key of everything it shows; a change purges the keys of what it changed. Every answer also
 * carries its locale's key, which the rare changes that touch answers broadly (a section renamed,
 * a tag edited, a locale removed, a write that bypassed the Document Service) purge.
 */
export const cacheKeys = {
  article: ({ documentId, locale }: DocumentKey): string => `nr:article:${documentId}:${locale}`,
  section: (slug: string, locale: string): string => `nr:section:${slug}:${locale}`,
  ranking: (slug: string, locale: string): string => `nr:ranking:${slug}:${locale}`,
  /** Answers that draw on every ranking of a locale (recommendations): purged with any of them. */
  rankings: (locale: string): string => `nr:rankings:${locale}`,
  /** Story ids are document ids, shared by the locales of one document: the locale belongs to the key. */
  story: (id: string, locale: string): string => `nr:story:${id}:${locale}`,
  /** Paginated lists and the "latest" that recommendations fall back on: any publish or unpublish moves them. */
  lists: (locale: string): string => `nr:list:${locale}`,
  locale: (locale: string): string => `nr:locale:${locale}`,
  /** Carried instead of article keys by an answer too large for the header: purged with every article key. */
  overflow: (locale: string): string => `nr:overflow:${locale}`,
};

interface Node {
  [field: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The keys of everything an answer shows, read off its payload: an article or card has a
 * `documentId`, a `title` and a `slug`; a section a `documentId`, a `name` and a `slug`; a ranking
 * `entries` and a `kind`; a story a `storyId`. The shapes are those of `reader/types.ts`.
 */
export const keysOfAnswer = (payload: unknown, locale: string, extra: string[] = []): AnswerKeys => {
  const articles = new Set<string>();
  const others = new Set<string>([cacheKeys.locale(locale), ...extra]);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (text(value.documentId) && text(value.slug)) {
      if (text(value.title)) articles.add(cacheKeys.article({ documentId: value.documentId, locale }));
      else if (text(value.name)) others.add(cacheKeys.section(value.slug, locale));
    }
    if (text(value.slug) && text(value.kind) && Array.isArray(value.entries)) others.add(cacheKeys.ranking(value.slug, locale));
    if (text(value.storyId)) others.add(cacheKeys.story(value.storyId, locale));
    if (isNode(value.pagination)) others.add(cacheKeys.lists(locale));
    for (const field of Object.values(value)) if (isNode(field)) visit(field);
  };
  visit(payload);
  return { articles, others };
};

export interface AnswerKeys {
  articles: Set<string>;
  others: Set<string>;
}

export type KeySeparator = 'space' | 'comma';

const JOINERS: Record<KeySeparator, string> = { space: ' ', comma: ',' };

/**
 * The header value of an answer's keys within `maxBytes` (CDNs cap the header: Fastly and
 * Cloudflare at 16 KB). When the article keys do not fit, they give way to the locale's overflow
 * key, which every article purge names too: such an answer is purged more often, never missed.
 */
export const headerOf = (keys: AnswerKeys, locale: string, separator: KeySeparator, maxBytes: number): string => {
  const joiner = JOINERS[separator];
  const all = [...keys.others, ...keys.articles].join(joiner);
  if (Buffer.byteLength(all) <= maxBytes) return all;
  return [...keys.others, cacheKeys.overflow(locale)].join(joiner);
};
