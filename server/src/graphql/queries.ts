import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type Joi from 'joi';
import { articleListQuery, localeQuery, pageQuery, recommendationQuery, sectionQuery, slugParams } from '../content-api/validators';
import type { CacheableAnswer } from '../reader/cacheable-answer';
import { shapeRanking } from '../reader/ranking-shape';
import { getService } from '../services/access';
import type { RankingsService } from '../services/rankings';
import type { ReaderService } from '../services/reader';
import { PLUGIN_ID } from '../uids';
import { validate } from '../validation';
import type { Extension, Nexus, OutputBlock } from './nexus';
import { TYPE } from './types';

type Args = Record<string, unknown>;

/**
 * The content API's reads as GraphQL queries. Each calls the service its REST route calls, with
 * the same joi schema, and answers what the route answers (null where the route answers 404);
 * each is open to whoever calls it exactly when its REST route is: when the Public role holds the
 * route's action. Strapi's own per-caller check is off (`auth: false`), as on the routes.
 */
interface Read {
  /** The REST route's action, e.g. `articles.page` for `plugin::newsroom.articles.page`. */
  action: string;
  type: unknown;
  description: string;
  args: Args;
  resolve(args: Args): Promise<unknown>;
}

/** The arguments a caller gave (GraphQL passes omitted ones as undefined, explicit ones as null). */
const given = (args: Args, names: string[]): Args =>
  Object.fromEntries(names.filter((name) => args[name] !== undefined && args[name] !== null).map((name) => [name, args[name]]));

const parsed = (answer: CacheableAnswer | null): { data: unknown; meta: Record<string, unknown> } | null =>
  answer && (JSON.parse(answer.json) as { data: unknown; meta: Record<string, unknown> });

/** The REST body's `data` (null for a 404). */
const dataOf = (answer: CacheableAnswer | null): unknown => parsed(answer)?.data ?? null;

const checked = <T>(schema: Joi.ObjectSchema<T>, args: Args, names: string[]): T => validate(schema, given(args, names), 'arguments');

const slugOf = (args: Args, what: string): string => validate(slugParams, { slug: args.slug }, what).slug;

export const createReads = (strapi: Core.Strapi, { nonNull, list, stringArg, intArg }: Nexus): Record<string, Read> => {
  const reader = (): ReaderService => getService(strapi, 'reader');
  const rankings = (): RankingsService => getService(strapi, 'rankings');
  const slug = nonNull(stringArg({ description: 'The slug' }));
  const locale = stringArg({ description: 'A locale code; the default locale when left out' });
  const page = intArg({ description: '1 to 10000 (default 1)' });
  const pageSize = intArg({ description: '1 to 100 (default 20)' });

  return {
    newsroomArticlePage: {
      action: 'articles.page',
      type: TYPE.articlePage,
      description: 'The whole article page (`GET /api/newsroom/articles/:slug/page`)',
      args: { slug, locale, fill: stringArg({ description: '"section" fills a short related list with the section\'s latest articles' }) },
      async resolve(args) {
        const name = slugOf(args, 'article slug');
        const { locale: wanted, fill } = checked(pageQuery, args, ['locale', 'fill']);
        return dataOf(await reader().page(name, reader().localeOf(wanted), fill));
      },
    },
    newsroomArticleBySlug: {
      action: 'articles.findOne',
      type: TYPE.articleDetail,
      description: 'A published article, its breadcrumb and related list (`GET /api/newsroom/articles/:slug`)',
      args: { slug, locale },
      async resolve(args) {
        const name = slugOf(args, 'article slug');
        const { locale: wanted } = checked(localeQuery, args, ['locale']);
        return dataOf(await reader().article(name, reader().localeOf(wanted)));
      },
    },
    newsroomStory: {
      action: 'articles.story',
      type: TYPE.story,
      description: "An article's story (`GET /api/newsroom/articles/:slug/story`)",
      args: { slug, locale },
      async resolve(args) {
        const name = slugOf(args, 'article slug');
        const { locale: wanted } = checked(localeQuery, args, ['locale']);
        return dataOf(await reader().story(name, reader().localeOf(wanted)));
      },
    },
    newsroomArticleList: {
      action: 'articles.find',
      type: nonNull(TYPE.cardList),
      description: 'Published articles, filtered, sorted and paged (`GET /api/newsroom/articles`)',
      args: {
        section: stringArg({ description: "A section slug: its articles and its sub-sections'" }),
        tag: stringArg({ description: 'A tag slug' }),
        sort: stringArg({ description: '"newest" (default) or "most-viewed"' }),
        page,
        pageSize,
        locale,
      },
      async resolve(args) {
        const { locale: wanted, ...query } = checked(articleListQuery, args, ['locale', 'section', 'tag', 'sort', 'page', 'pageSize']);
        return parsed(await reader().articles({ ...query, locale: reader().localeOf(wanted) }));
      },
    },
    newsroomSectionTree: {
      action: 'sections.find',
      type: nonNull(list(nonNull(TYPE.sectionNode))),
      description: 'The section tree of a locale (`GET /api/newsroom/sections`)',
      args: { locale },
      async resolve(args) {
        const { locale: wanted } = checked(localeQuery, args, ['locale']);
        return dataOf(await reader().sections(reader().localeOf(wanted)));
      },
    },
    newsroomSectionBySlug: {
      action: 'sections.findOne',
      type: TYPE.sectionAnswer,
      description: 'A section, its breadcrumb and a page of its latest articles (`GET /api/newsroom/sections/:slug`)',
      args: { slug, page, pageSize, locale },
      async resolve(args) {
        const name = slugOf(args, 'section slug');
        const { locale: wanted, page: number, pageSize: size } = checked(sectionQuery, args, ['locale', 'page', 'pageSize']);
        return parsed(await reader().section(name, reader().localeOf(wanted), number, size));
      },
    },
    newsroomRankingBySlug: {
      action: 'rankings.findOne',
      type: TYPE.rankingList,
      description: 'A stored ranking (`GET /api/newsroom/rankings/:slug`)',
      args: { slug, locale },
      async resolve(args) {
        const name = slugOf(args, 'ranking slug');
        const { locale: wanted } = checked(localeQuery, args, ['locale']);
        const stored = await rankings().find(name, wanted);
        return stored && shapeRanking(stored);
      },
    },
    newsroomRecommendations: {
      action: 'recommendations.find',
      type: list(nonNull(TYPE.recommendation)),
      description: 'Recommendations for an article and a reading history (`GET /api/newsroom/recommendations`)',
      args: {
        article: nonNull(stringArg({ description: 'The slug of the article read' })),
        seen: list(nonNull(stringArg())),
        limit: intArg({ description: '1 to 50' }),
        locale,
      },
      async resolve(args) {
        // The REST route takes the history comma-separated: the same schema checks the same text.
        const seen = Array.isArray(args.seen) && args.seen.length > 0 ? (args.seen as unknown[]).join(',') : undefined;
        const query = checked(recommendationQuery, { ...args, seen }, ['article', 'seen', 'limit', 'locale']);
        const answer = await reader().recommendations({
          ...query,
          limit: query.limit ?? reader().recommendationLimit,
          locale: reader().localeOf(query.locale),
        });
        return dataOf(answer);
      },
    },
  };
};

/** Refuses a read whose action the Public role does not hold, as the REST route's policy does. */
const guarded = (strapi: Core.Strapi, read: Read) => async (_parent: unknown, args: Args) => {
  const action = `plugin::${PLUGIN_ID}.${read.action}`;
  const access = getService(strapi, 'publicAccess');
  if (!access.allows(action)) throw new errors.PolicyError(`Not open to the public: the Public role does not hold ${action}`);
  return read.resolve(args);
};

/** The queries, for `strapi.plugin('graphql').service('extension').use(...)`. */
export const readsExtension =
  (strapi: Core.Strapi, types: (nexus: Nexus) => unknown[]) =>
  ({ nexus }: { nexus: Nexus }): Extension => {
    const reads = createReads(strapi, nexus);
    const query = nexus.extendType({
      type: 'Query',
      definition(t: OutputBlock) {
        for (const [name, read] of Object.entries(reads)) {
          t.field(name, { type: read.type, description: read.description, args: read.args, resolve: guarded(strapi, read) });
        }
      },
    });
    return {
      types: [...types(nexus), query],
      resolversConfig: Object.fromEntries(Object.keys(reads).map((name) => [`Query.${name}`, { auth: false as const }])),
    };
  };
