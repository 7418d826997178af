import { errors } from '@strapi/utils';
import Joi from 'joi';

/**
 * One closed schema per input of the content API (route parameters are validated by name: the
 * router may add positional captures of its own to `ctx.params`), shared by every route that takes it: unknown
 * keys are refused, so a client can never slip in a field (such as a count or a `status`) the server ignores.
 */

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$/;
const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;
const MAX_SEEN = 20;

const slug = () => Joi.string().pattern(SLUG).messages({ 'string.pattern.base': '{{#label}} must be a slug' });
const locale = () => Joi.string().pattern(LOCALE).messages({ 'string.pattern.base': '{{#label}} must be a locale code' });
/** Query strings carry numbers as text: these keys alone convert. */
const count = (max: number) => Joi.number().integer().min(1).max(max).prefs({ convert: true });

export const articleParams = Joi.object<{ documentId: string }>({
  documentId: Joi.string().pattern(DOCUMENT_ID).required().messages({ 'string.pattern.base': '{{#label}} must be a document id' }),
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
    .pattern(new RegExp(`^[A-Za-z0-9]{1,64}(,[A-Za-z0-9]{1,64}){0,${MAX_SEEN - 1}}$`))
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

/** The validated value, or a `400 ValidationError` in Strapi's envelope naming every problem. */
export const validate = <T>(schema: Joi.ObjectSchema<T>, value: unknown, what: string): T => {
  const { error, value: valid } = schema.validate(value ?? {}, { abortEarly: false, convert: false });
  if (error) {
    throw new errors.ValidationError(`Invalid ${what}: ${error.details.map((detail) => detail.message).join('; ')}`, {
      errors: error.details.map((detail) => ({ path: detail.path.map(String), message: detail.message, name: 'ValidationError' })),
    });
  }
  return valid as T;
};
