import type { Nexus, OutputBlock } from './nexus';

/**
 * The GraphQL shapes of the content API's answers, field for field what the REST routes answer
 * (`reader/types.ts`, `reader/ranking-shape.ts`): a field REST leaves out of an answer is null
 * here. Their names never clash with the types Strapi generates for the plugin's content types
 * (`NewsroomArticle`, `NewsroomSection`, ...), which exist only with `graphql.shadowCrud`.
 */
export const TYPE = {
  sectionRef: 'NewsroomSectionRef',
  sectionNode: 'NewsroomSectionNode',
  card: 'NewsroomCard',
  relatedCard: 'NewsroomRelatedCard',
  recommendation: 'NewsroomRecommendation',
  story: 'NewsroomStory',
  cover: 'NewsroomCover',
  tagRef: 'NewsroomTagRef',
  articleView: 'NewsroomArticleView',
  articleDetail: 'NewsroomArticleDetail',
  articlePage: 'NewsroomArticlePage',
  rankingEntry: 'NewsroomRankingEntry',
  rankingList: 'NewsroomRankingList',
  pagination: 'NewsroomPagination',
  pageMeta: 'NewsroomPageMeta',
  cardList: 'NewsroomCardList',
  sectionFront: 'NewsroomSectionFront',
  sectionAnswer: 'NewsroomSectionAnswer',
} as const;

/** A non-null list of non-null `type`. */
const listOf = (t: OutputBlock, name: string, type: string, description?: string): void => t.nonNull.list.nonNull.field(name, { type, description });

const sectionRefFields = (t: OutputBlock): void => {
  t.nonNull.string('documentId');
  t.nonNull.string('slug');
  t.nonNull.string('name');
};

/** The fields of an article in a list (`ArticleCard`). */
const cardFields = (t: OutputBlock): void => {
  t.nonNull.string('documentId');
  t.nonNull.string('title');
  t.nonNull.string('slug');
  t.string('publicationDate', { description: 'ISO 8601, as stored' });
  t.field('section', { type: TYPE.sectionRef });
};

/** The article itself (`ArticleView` with its counts). */
const articleViewFields = (t: OutputBlock): void => {
  cardFields(t);
  t.nonNull.string('locale');
  t.string('dek');
  t.field('body', { type: 'JSON', description: 'The body as Strapi blocks' });
  t.string('byline');
  t.string('dateline');
  t.string('source');
  t.field('cover', { type: TYPE.cover });
  listOf(t, 'tags', TYPE.tagRef);
  t.nonNull.int('views');
  t.nonNull.field('reactions', { type: 'JSON', description: 'Counts by reaction kind, e.g. {"veryGood": 12}' });
};

export const newsroomTypes = ({ objectType }: Nexus): unknown[] => [
  objectType({ name: TYPE.sectionRef, description: 'A section in a card or a breadcrumb', definition: sectionRefFields }),
  objectType({
    name: TYPE.sectionNode,
    description: 'A section with its sub-sections',
    definition(t) {
      sectionRefFields(t);
      t.string('description');
      t.nonNull.int('position');
      listOf(t, 'children', TYPE.sectionNode);
    },
  }),
  objectType({
    name: TYPE.card,
    description: 'A published article in a list',
    definition(t) {
      cardFields(t);
      t.int('views', { description: 'In lists sorted most-viewed only' });
    },
  }),
  objectType({
    name: TYPE.relatedCard,
    description: "A link of an article's related list",
    definition(t) {
      cardFields(t);
      t.nonNull.list.nonNull.string('reasons', { description: 'The key terms both articles share; none for a pinned link' });
      t.nonNull.boolean('sameStory');
      t.string('fallback', { description: '"latest-in-section" for the links a `fill` added' });
    },
  }),
  objectType({
    name: TYPE.recommendation,
    definition(t) {
      cardFields(t);
      t.nonNull.string('reason', { description: 'editors-pick, reading-history, trending, popular or latest' });
    },
  }),
  objectType({
    name: TYPE.story,
    description: "An article's story: its published articles, oldest first",
    definition(t) {
      t.nonNull.string('storyId', { description: 'The document id of its first article' });
      t.nonNull.int('size');
      listOf(t, 'articles', TYPE.card);
    },
  }),
  objectType({
    name: TYPE.cover,
    definition(t) {
      t.nonNull.string('url');
      t.string('alternativeText');
      t.int('width');
      t.int('height');
    },
  }),
  objectType({
    name: TYPE.tagRef,
    definition(t) {
      t.nonNull.string('name');
      t.nonNull.string('slug');
    },
  }),
  objectType({ name: TYPE.articleView, description: 'A published article', definition: articleViewFields }),
  objectType({
    name: TYPE.articleDetail,
    description: 'A published article with its breadcrumb and related list',
    definition(t) {
      articleViewFields(t);
      listOf(t, 'breadcrumb', TYPE.sectionRef);
      listOf(t, 'related', TYPE.relatedCard);
    },
  }),
  objectType({
    name: TYPE.articlePage,
    description: 'Everything the article page shows',
    definition(t) {
      t.nonNull.field('article', { type: TYPE.articleView });
      listOf(t, 'breadcrumb', TYPE.sectionRef);
      listOf(t, 'related', TYPE.relatedCard);
      t.nonNull.field('story', { type: TYPE.story });
      listOf(t, 'rankings', TYPE.rankingList);
      listOf(t, 'recommendations', TYPE.recommendation);
    },
  }),
  objectType({
    name: TYPE.rankingEntry,
    description: "An article of a ranking; its figure is named after the ranking's kind",
    definition(t) {
      t.nonNull.int('position');
      cardFields(t);
      t.nonNull.boolean('pinned');
      t.int('views', { description: 'most-viewed rankings' });
      t.int('reactions', { description: 'most-reacted rankings' });
      t.float('trend', { description: 'trending rankings' });
    },
  }),
  objectType({
    name: TYPE.rankingList,
    description: 'A stored ranking',
    definition(t) {
      t.nonNull.string('slug');
      t.nonNull.string('name');
      t.nonNull.string('kind', { description: 'most-viewed, most-reacted, trending or editors-picks' });
      t.nonNull.string('window');
      t.nonNull.string('locale');
      t.nonNull.string('computedAt');
      listOf(t, 'entries', TYPE.rankingEntry);
    },
  }),
  objectType({
    name: TYPE.pagination,
    definition(t) {
      t.nonNull.int('page');
      t.nonNull.int('pageSize');
      t.nonNull.int('pageCount');
      t.nonNull.int('total');
    },
  }),
  objectType({
    name: TYPE.pageMeta,
    definition(t) {
      t.nonNull.field('pagination', { type: TYPE.pagination });
    },
  }),
  objectType({
    name: TYPE.cardList,
    description: 'A page of published articles',
    definition(t) {
      listOf(t, 'data', TYPE.card);
      t.nonNull.field('meta', { type: TYPE.pageMeta });
    },
  }),
  objectType({
    name: TYPE.sectionFront,
    definition(t) {
      t.nonNull.field('section', { type: TYPE.sectionNode });
      listOf(t, 'breadcrumb', TYPE.sectionRef);
      listOf(t, 'articles', TYPE.card, "Its latest articles, its sub-sections' included");
    },
  }),
  objectType({
    name: TYPE.sectionAnswer,
    description: 'A section and a page of its latest articles',
    definition(t) {
      t.nonNull.field('data', { type: TYPE.sectionFront });
      t.nonNull.field('meta', { type: TYPE.pageMeta });
    },
  }),
];
