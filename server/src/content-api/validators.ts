import Joi from 'joi';
import { documentId, locale, slug } from '../validation';
import { documentIdList } from '../validation/patterns';

/**
 * One closed schema per input of the content API (route parameters are validated by name: the
 * router may add positional captures of its own to `ctx.params`), shared by every route that takes it: unknown
 * keys are refused, so a client can never slip in a field (such as a count or a `status`) the server ignores.
 * GraphQL's queries check their arguments with the same schemas.
 */

const MAX_SEEN = 20;

/** Query strings carry numbers as text: these keys alone convert. */
const count = (max: number) => Joi.number().integer().min(1).max(max).prefs({ convert: true });

export const articleParams = Joi.object<{ documentId: string }>({
  documentId: documentId().required(),
});

/** A section, article or ranking slug in the path. */
export const slugParams = Joi.object<{ slug: string }>({
  slug: slug().required(),
});

export const localeQuery = Joi.object<{ locale?: string }>({
  locale: locale(),
});

/** `GET /articles/:slug/page`: `fill=section` fills a short Related box with the section's latest articles. */
export const pageQuery = Joi.object<{ locale?: string; fill?: 'section' }>({
  locale: locale(),
  fill: Joi.string().valid('section'),
});

export interface PageQuery {
  locale?: string;
  page: number;
  pageSize: number;
}

/** `GET /sections/:slug`: its latest articles, a page at a time. */
export const sectionQuery = Joi.object<PageQuery>({
  locale: locale(),
  page: count(10_000).default(1),
  pageSize: count(100).default(20),
});

export type ArticleSort = 'newest' | 'most-viewed';

export interface ArticleListQuery extends PageQuery {
  section?: string;
  tag?: string;
  sort: ArticleSort;
}

export const articleListQuery = Joi.object<ArticleListQuery>({
  locale: locale(),
  section: slug(),
  tag: slug(),
  page: count(10_000).default(1),
  pageSize: count(100).default(20),
  sort: Joi.string().valid('newest', 'most-viewed').default('newest'),
});

export interface RecommendationQuery {
  article: string;
  seen: string[];
  limit?: number;
  locale?: string;
}

/** `seen`: the reader's recently read articles, comma-separated document ids. */
export const recommendationQuery = Joi.object<RecommendationQuery>({
  article: slug().required(),
  seen: Joi.string()
    .pattern(documentIdList(MAX_SEEN))
    .messages({ 'string.pattern.base': `{{#label}} must be up to ${MAX_SEEN} comma-separated document ids` })
    .custom((value: string) => value.split(','))
    .default([]),
  limit: count(50),
  locale: locale(),
});

/** A view carries nothing: the server decides what it counts. Empty JSON or no body at all. */
export const viewBody = Joi.object<Record<string, never>>({}).empty('').default({});

type ReactionBody = Joi.ObjectSchema<{ kind: string }>;
const reactionSchemas = new WeakMap<readonly string[], ReactionBody>();

/**
 * The kinds in force change with the settings, so each request passes them; a saved change
 * replaces the list, and the schema is built once per list.
 */
export const reactionBody = (kinds: readonly string[]): ReactionBody => {
  const known = reactionSchemas.get(kinds);
  if (known) return known;
  const schema = Joi.object<{ kind: string }>({
    kind: Joi.string()
      .valid(...kinds)
      .required(),
  }).required();
  reactionSchemas.set(kinds, schema);
  return schema;
};
