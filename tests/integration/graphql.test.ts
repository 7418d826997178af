import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { ARTICLE, createArticle } from '../support/articles';
import { leaks, withoutPublicGrant, type Card, type PageAnswer } from '../support/content-api';
import { countersService, rankingsService, readerAgent } from '../support/counters';
import { differences, FIELDS, graphql, type GraphqlResponse } from '../support/graphql';
import { relatedService } from '../support/related';

/**
 * GraphQL in the playground (Strapi's GraphQL plugin): nothing of the plugin's content types is
 * generated, so no caller (the public, a logged-in user, read-only, custom and full-access API
 * tokens) reaches a draft, an editorial field or a mutation; hostile queries get 4xx-like answers
 * and nothing private; the newsroom's own queries answer exactly what the REST routes answer.
 */
const API = '/api/newsroom';
const SECRET_TITLE = 'EMBARGOED secret merger draft';
const SECRET_DEK = 'EMBARGOED: Halvorsen Shipping agrees to buy Maasgate Terminals';
const SECRET_SLUG = 'embargoed-secret-merger-draft';
const EDITORIAL_FIELDS = ['relatedPinned', 'relatedExcluded', 'hideRelated', 'neverListAsRelated', 'notInStory'];
/** The names Strapi would generate for the plugin's content types. */
const GENERATED = /^(Newsroom(Article|Section|Ranking|Tag)(Input|FiltersInput|EntityResponse\w*|RelationResponseCollection)?|ENUM_NEWSROOM\w+)$/;

let strapi: Core.Strapi;
let base: string;
let draftId: string;
let sample: PageAnswer;
const callers: Record<string, Record<string, string>> = { public: {} };

const rest = async <T>(path: string): Promise<{ data: T; meta: Record<string, unknown> }> => {
  const response = await request(base).get(`${API}${path}`);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.body as { data: T; meta: Record<string, unknown> };
};

const ask = <T = Record<string, unknown>>(
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse<T>> => graphql<T>(base, query, { headers, variables });

/** Data of a query that must succeed. */
const data = async <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> => {
  const response = await ask<T>(query, headers, variables);
  if (response.status !== 200 || response.body.errors) throw new Error(`${query.slice(0, 80)}: ${response.status} ${response.text.slice(0, 500)}`);
  return response.body.data as T;
};

/** Nothing secret in an answer: no draft text, no private key, no table name. */
const secretsIn = (response: GraphqlResponse<unknown>): string[] => [
  ...(response.text.includes('EMBARGOED') ? ["the draft's text"] : []),
  ...(response.status >= 500 ? [`status ${response.status}`] : []),
  ...leaks(response.body.data ?? null),
  ...EDITORIAL_FIELDS.filter((field) => JSON.stringify(response.body.data ?? null).includes(`"${field}"`)),
];

const tokenOf = async (name: string, type: 'read-only' | 'full-access' | 'custom', permissions?: string[]): Promise<string> => {
  const service = strapi.service('admin::api-token') as unknown as { create(attributes: Record<string, unknown>): Promise<{ accessKey: string }> };
  const token = await service.create({ name, type, kind: 'content-api', lifespan: null, ...(permissions ? { permissions } : {}) });
  return token.accessKey;
};

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({
    rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
    contentApi: { pageRankings: ['most-read'], recommendations: 8 },
  });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await relatedService(strapi).settle();

  // Views, so that the "most read" ranking has entries.
  const cards = (await rest<Card[]>('/articles?pageSize=12')).data;
  for (const [index, card] of cards.entries()) {
    for (let visitor = 0; visitor <= index; visitor += 1)
      await request(base)
        .post(`${API}/articles/${card.documentId}/views`)
        .set('User-Agent', readerAgent(`${card.slug}-${visitor}`))
        .expect(202);
  }
  await countersService(strapi).flush();
  expect(await rankingsService(strapi).recomputeNow()).toBe(true);
  for (const card of (await rest<Card[]>('/articles?pageSize=20')).data) {
    const page = (await rest<PageAnswer>(`/articles/${card.slug}/page`)).data;
    if (page.related.length >= 3 && page.breadcrumb.length >= 2) {
      sample = page;
      break;
    }
  }
  expect(sample).toBeDefined();

  // A cover image, on the sample (published again) and on the draft.
  const files = documentsOf<{ id: number; documentId: string }>(strapi, 'plugin::upload.file');
  const cover = await files.create({
    data: {
      name: 'merger.png',
      hash: 'merger_1',
      ext: '.png',
      mime: 'image/png',
      size: 1.5,
      width: 640,
      height: 360,
      alternativeText: 'Cranes at Maasgate',
      url: '/uploads/merger_1.png',
      provider: 'local',
      folderPath: '/',
    },
  });
  const articles = documentsOf<{ documentId: string }>(strapi, ARTICLE);
  await articles.update({ documentId: sample.article.documentId, locale: 'en', data: { cover: cover.id } });
  await articles.publish({ documentId: sample.article.documentId, locale: 'en' });
  // The draft, with every editorial control set.
  draftId = await createArticle(strapi, {
    title: SECRET_TITLE,
    dek: SECRET_DEK,
    paragraphs: ['EMBARGOED until Friday: the terms of the merger.'],
    publish: false,
    extra: {
      slug: SECRET_SLUG,
      cover: cover.id,
      hideRelated: true,
      neverListAsRelated: true,
      relatedPinned: [sample.article.documentId],
      relatedExcluded: [sample.related[0].documentId],
      notInStory: [sample.related[1].documentId],
    },
  });
  await relatedService(strapi).settle();

  // A logged-in Users & Permissions user whose role holds every action there is, and even the
  // ones Strapi's generated queries and mutations of the plugin's types would check.
  const roles = strapi.db.query('plugin::users-permissions.role');
  const authenticated = (await roles.findOne({ where: { type: 'authenticated' } })) as { id: number };
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const everything = [
    ...strapi.contentAPI.permissions.providers.action.keys(),
    ...['article', 'section', 'ranking', 'tag'].flatMap((type) =>
      ['find', 'findOne', 'create', 'update', 'delete'].map((action) => `plugin::newsroom.${type}.${action}`),
    ),
  ];
  for (const action of new Set(everything)) {
    if (!(await permissions.findOne({ where: { action, role: authenticated.id } }))) await permissions.create({ data: { action, role: authenticated.id } });
  }
  const credentials = { username: 'reader', email: 'reader@newsroom.local', password: 'ReaderDemo1' };
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({ ...credentials, provider: 'local', confirmed: true, blocked: false, role: authenticated.id });
  const login = await request(base).post('/api/auth/local').send({ identifier: credentials.email, password: credentials.password });
  expect(login.status).toBe(200);
  callers['authenticated user'] = { Authorization: `Bearer ${login.body.jwt as string}` };
  callers['read-only token'] = { Authorization: `Bearer ${await tokenOf('GraphQL read-only', 'read-only')}` };
  callers['custom token'] = { Authorization: `Bearer ${await tokenOf('GraphQL custom', 'custom', strapi.contentAPI.permissions.providers.action.keys())}` };
  callers['full-access token'] = { Authorization: `Bearer ${await tokenOf('GraphQL full access', 'full-access')}` };
});

afterAll(async () => {
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('the schema', () => {
  it('has none of the types, queries and mutations Strapi would generate for the plugin, and no editorial field', async () => {
    const { __schema: schema } = await data<{
      __schema: {
        types: Array<{
          name: string;
          fields: Array<{ name: string; args: Array<{ name: string }> }> | null;
          inputFields: Array<{ name: string }> | null;
          possibleTypes: Array<{ name: string }> | null;
        }>;
      };
    }>('{ __schema { types { name fields { name args { name } } inputFields { name } possibleTypes { name } } } }');
    const names = schema.types.map((type) => type.name);
    expect(names.filter((name) => GENERATED.test(name))).toEqual([]);
    const fields = schema.types.flatMap((type) => [...(type.fields ?? []), ...(type.inputFields ?? [])].map((field) => `${type.name}.${field.name}`));
    expect(fields.filter((field) => EDITORIAL_FIELDS.some((name) => field.endsWith(`.${name}`)))).toEqual([]);
    const query = schema.types.find((type) => type.name === 'Query');
    expect(
      query?.fields
        ?.filter((field) => /newsroom/i.test(field.name))
        .map((field) => field.name)
        .sort(),
    ).toEqual([
      'newsroomArticleBySlug',
      'newsroomArticleList',
      'newsroomArticlePage',
      'newsroomRankingBySlug',
      'newsroomRecommendations',
      'newsroomSectionBySlug',
      'newsroomSectionTree',
      'newsroomStory',
    ]);
    // No `status` (drafts) on the newsroom's queries.
    expect(query?.fields?.filter((field) => /newsroom/i.test(field.name) && field.args.some((arg) => /status|publication/i.test(arg.name)))).toEqual([]);
    const mutation = schema.types.find((type) => type.name === 'Mutation');
    expect(mutation?.fields?.filter((field) => /newsroom/i.test(field.name))).toEqual([]);
    // The Upload plugin's `related` union lists no type of the plugin.
    const morph = schema.types.find((type) => type.name === 'GenericMorph');
    expect(morph?.possibleTypes?.filter((type) => /^Newsroom/.test(type.name))).toEqual([]);
  });

  it('says no type of that name exists when asked about one', async () => {
    for (const name of ['NewsroomArticle', 'NewsroomSection', 'NewsroomRanking', 'NewsroomTag', 'NewsroomArticleFiltersInput', 'NewsroomArticleInput']) {
      expect(await data(`{ __type(name: "${name}") { name fields { name } } }`)).toEqual({ __type: null });
    }
  });

  it('starts without the unbounded-limits warning: depth and list limits are set', () => {
    const graphqlConfig = strapi.plugin('graphql').config as unknown as (key: string) => unknown;
    expect(graphqlConfig('depthLimit')).toBe(10);
    expect(graphqlConfig('maxLimit')).toBe(100);
    expect(graphqlConfig('defaultLimit')).toBe(25);
  });
});

/** What any caller might try on the plugin's content types. */
const probes = (): string[] => [
  '{ newsroomArticles(status: DRAFT) { documentId title dek hideRelated neverListAsRelated relatedPinned { documentId } } }',
  '{ newsroomArticles { documentId title } }',
  '{ newsroomArticles_connection(status: DRAFT) { nodes { title dek } } }',
  `{ newsroomArticle(documentId: "${draftId}", status: DRAFT) { title dek } }`,
  '{ newsroomSections { name } newsroomRankings { name } newsroomTags { name } }',
  `{ newsroomArticleBySlug(slug: "${SECRET_SLUG}", status: DRAFT) { title } }`,
  `{ newsroomArticleBySlug(slug: "${SECRET_SLUG}") { title dek hideRelated } }`,
  `{ newsroomArticlePage(slug: "${SECRET_SLUG}") { article { title dek } related { title } } }`,
  `{ newsroomStory(slug: "${SECRET_SLUG}") { articles { title } } }`,
  '{ uploadFiles { name related { __typename } } }',
  '{ uploadFiles { name related { ... on NewsroomArticle { title dek } } } }',
  '{ uploadFiles(filters: { related: { title: { contains: "EMBARGOED" } } }) { name } }',
];

const mutations = (): string[] => [
  'mutation { createNewsroomArticle(data: { title: "Forged", hideRelated: true }) { documentId } }',
  `mutation { updateNewsroomArticle(documentId: "${draftId}", data: { title: "Changed", hideRelated: false }) { documentId title } }`,
  `mutation { deleteNewsroomArticle(documentId: "${draftId}") { documentId } }`,
  `mutation { publishNewsroomArticle(documentId: "${draftId}") { documentId } }`,
  'mutation { createNewsroomTag(data: { name: "forged" }) { documentId } }',
  'mutation { createNewsroomSection(data: { name: "Forged" }) { documentId } }',
];

describe.each(['public', 'authenticated user', 'read-only token', 'custom token', 'full-access token'])('as the %s', (caller) => {
  it("reads no draft and no editorial field of the plugin's types, by any path", async () => {
    for (const query of probes()) {
      const response = await ask(query, callers[caller]);
      expect({ query, secrets: secretsIn(response) }).toEqual({ query, secrets: [] });
      // The generated queries do not exist; the newsroom's answer null for a draft.
      if (/newsroomArticles|newsroomArticle\(|newsroomSections|NewsroomArticle|status:/.test(query))
        expect({ query, errors: Boolean(response.body.errors?.length) }).toEqual({ query, errors: true });
    }
    const bySlug = await data<{ newsroomArticleBySlug: unknown; newsroomStory: unknown; newsroomArticlePage: unknown }>(
      `{ newsroomArticleBySlug(slug: "${SECRET_SLUG}") { title } newsroomStory(slug: "${SECRET_SLUG}") { size } newsroomArticlePage(slug: "${SECRET_SLUG}") { breadcrumb { slug } } }`,
      undefined,
      callers[caller],
    );
    expect(bySlug).toEqual({ newsroomArticleBySlug: null, newsroomStory: null, newsroomArticlePage: null });
  });

  it("runs no mutation on the plugin's types", async () => {
    for (const mutation of mutations()) {
      const response = await ask(mutation, callers[caller]);
      expect({ mutation, status: response.status < 500, errors: Boolean(response.body.errors?.length), data: response.body.data ?? null }).toEqual({
        mutation,
        status: true,
        errors: true,
        data: null,
      });
    }
    const draft = await documentsOf<{ title: string; hideRelated: boolean }>(strapi, ARTICLE).findOne({ documentId: draftId, locale: 'en', status: 'draft' });
    expect(draft).toMatchObject({ title: SECRET_TITLE, hideRelated: true });
    expect(await documentsOf(strapi, ARTICLE).findFirst({ locale: 'en', filters: { title: 'Forged' } })).toBeNull();
    expect(await documentsOf(strapi, 'plugin::newsroom.tag').findFirst({ filters: { name: 'forged' } })).toBeNull();
  });

  it("gets the newsroom's public reads, the same as everyone", async () => {
    const mine = await data(`{ newsroomArticleBySlug(slug: "${sample.article.slug}") { ${FIELDS.articleDetail} } }`, undefined, callers[caller]);
    const everyone = await data(`{ newsroomArticleBySlug(slug: "${sample.article.slug}") { ${FIELDS.articleDetail} } }`);
    expect(mine).toEqual(everyone);
  });
});

describe('hostile queries', () => {
  const cases = (): Array<[string, string | RegExp]> => [
    // Deep nesting beyond depthLimit (10).
    [`{ newsroomSectionTree { ${'children { '.repeat(12)}slug${' }'.repeat(12)} } }`, /exceeds maximum operation depth/],
    // Limits.
    ['{ newsroomArticleList(pageSize: 100000) { data { title } } }', /pageSize/],
    ['{ newsroomArticleList(pageSize: 0) { data { title } } }', /pageSize/],
    ['{ newsroomArticleList(page: -1) { data { title } } }', /page/],
    ['{ newsroomArticleList(page: 10001) { data { title } } }', /page/],
    ['{ newsroomArticleList(pageSize: 99999999999) { data { title } } }', /Int cannot represent/],
    ['{ newsroomSectionBySlug(slug: "news", pageSize: 101) { data { articles { title } } } }', /pageSize/],
    [`{ newsroomRecommendations(article: "${'a'}", limit: 51) { title } }`, /limit/],
    [`{ newsroomRecommendations(article: "a", seen: [${Array.from({ length: 21 }, (_, i) => `"id${i}"`).join(',')}]) { title } }`, /seen/],
    // Capped by maxLimit, or refused to a caller without the upload plugin's `find`.
    ['{ uploadFiles(pagination: { limit: 100000 }) { name } }', ''],
    // Drafts and private fields.
    [`{ newsroomArticleList(status: DRAFT) { data { title } } }`, /Unknown argument "status"/],
    [`{ newsroomArticlePage(slug: "${SECRET_SLUG}", publicationFilter: "never-published") { article { title } } }`, /Unknown argument/],
    [`{ newsroomArticleBySlug(slug: "x") { title createdBy { email } publishedAt id } }`, /Cannot query field/],
    // Injection-shaped values.
    ['{ newsroomArticleList(section: "news\' OR 1=1 --") { data { title } } }', /section/],
    ['{ newsroomArticleList(sort: "publishedAt:desc") { data { title } } }', /sort/],
    ['{ newsroomArticleBySlug(slug: "../../admin") { title } }', /slug/],
    [`{ newsroomArticleBySlug(slug: "${'a'.repeat(300)}") { title } }`, /slug/],
    ['{ newsroomArticleBySlug(slug: "x", locale: "en; drop table newsroom_articles") { title } }', /locale/],
    ['{ newsroomArticlePage(slug: "x", fill: "everything") { related { title } } }', /fill/],
    ['{ newsroomSectionTree(locale: "") { slug } }', /locale/],
    ['{ newsroomArticleBySlug { title } }', /argument "slug"/],
    // Introspection of what is not there (an answer, null).
    ['{ __type(name: "NewsroomArticle") { name fields { name } } }', ''],
  ];

  it.each(['public', 'full-access token'])('never answers a 5xx and never leaks (%s)', async (caller) => {
    for (const [query, message] of cases()) {
      const response = await ask(query, callers[caller]);
      expect({ query, secrets: secretsIn(response), leak: leaks(response.body) }).toEqual({ query, secrets: [], leak: [] });
      // '' for the queries that may be answered; the others fail with this message.
      if (message !== '') {
        expect({ query, message: (response.body.errors ?? []).map((error) => error.message).join(' | ') }).toEqual({
          query,
          message: expect.stringMatching(message),
        });
        // A bad value is a user error naming it, never an internal one.
        for (const error of response.body.errors ?? []) expect({ query, code: error.extensions?.code }).not.toEqual({ query, code: 'INTERNAL_SERVER_ERROR' });
      }
    }
  });

  it('answers a joi refusal as a GraphQL error with the field named, and no data', async () => {
    const response = await ask('{ newsroomArticleList(pageSize: 101, sort: "oldest") { data { title } } }');
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Invalid arguments: .*"pageSize" must be less than or equal to 100.*"sort" must be one of \[newest, most-viewed\]/),
      extensions: { code: 'BAD_USER_INPUT', error: { name: 'ValidationError' } },
    });
  });

  it('refuses batched requests and mutations over GET', async () => {
    const batch = await request(base)
      .post('/graphql')
      .send([{ query: '{ newsroomSectionTree { slug } }' }, { query: '{ newsroomSectionTree { slug } }' }]);
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(batch.status).toBeLessThan(500);
    const get = await request(base)
      .get('/graphql')
      .query({ query: 'mutation { createNewsroomTag(data: { name: "forged" }) { documentId } }' })
      .set('apollo-require-preflight', 'true');
    expect(get.status).toBeGreaterThanOrEqual(400);
    expect(get.status).toBeLessThan(500);
  });
});

describe('the same reads as REST', () => {
  const same = async (
    query: string,
    variables: Record<string, unknown>,
    path: string,
    pick: (answer: { data: unknown; meta: Record<string, unknown> }) => unknown = (answer) => answer.data,
  ): Promise<unknown> => {
    const answer = await rest<unknown>(path);
    const graph = await data<Record<string, unknown>>(query, variables);
    const [value] = Object.values(graph);
    expect({ path, differences: differences(value, pick(answer)) }).toEqual({ path, differences: [] });
    return value;
  };

  it('the article page, filled or not', async () => {
    const page = (await same(
      `query ($slug: String!) { newsroomArticlePage(slug: $slug) { ${FIELDS.page} } }`,
      { slug: sample.article.slug },
      `/articles/${sample.article.slug}/page`,
    )) as PageAnswer;
    expect(page.related.length).toBeGreaterThanOrEqual(3);
    expect(page.rankings[0].entries.length).toBeGreaterThan(0);
    expect(page.recommendations).toHaveLength(8);
    expect((page.article as unknown as { cover: { alternativeText: string } }).cover.alternativeText).toBe('Cranes at Maasgate');
    await same(
      `query ($slug: String!) { newsroomArticlePage(slug: $slug, fill: "section") { ${FIELDS.page} } }`,
      { slug: sample.article.slug },
      `/articles/${sample.article.slug}/page?fill=section`,
    );
    const fr = (await rest<Card[]>('/articles?locale=fr&pageSize=1')).data[0];
    await same(`{ newsroomArticlePage(slug: "${fr.slug}", locale: "fr") { ${FIELDS.page} } }`, {}, `/articles/${fr.slug}/page?locale=fr`);
  });

  it('an article and its story', async () => {
    await same(`{ newsroomArticleBySlug(slug: "${sample.article.slug}") { ${FIELDS.articleDetail} } }`, {}, `/articles/${sample.article.slug}`);
    const story = (await same(
      `{ newsroomStory(slug: "dockworkers-walk-out-at-rotterdams-maasgate-terminals-over-automation-plan") { ${FIELDS.story} } }`,
      {},
      '/articles/dockworkers-walk-out-at-rotterdams-maasgate-terminals-over-automation-plan/story',
    )) as { size: number };
    expect(story.size).toBeGreaterThanOrEqual(4);
    await same(`{ newsroomStory(slug: "${sample.article.slug}") { ${FIELDS.story} } }`, {}, `/articles/${sample.article.slug}/story`);
  });

  it('the section tree, a section a page at a time', async () => {
    await same(`{ newsroomSectionTree { ${FIELDS.sectionTree} } }`, {}, '/sections');
    await same(`{ newsroomSectionTree(locale: "fr") { ${FIELDS.sectionTree} } }`, {}, '/sections?locale=fr');
    const asia = (await same(
      `{ newsroomSectionBySlug(slug: "asia", page: 2, pageSize: 2) { ${FIELDS.section} } }`,
      {},
      '/sections/asia?page=2&pageSize=2',
      (answer) => answer,
    )) as {
      data: { articles: Card[] };
      meta: { pagination: { page: number } };
    };
    expect(asia.meta.pagination.page).toBe(2);
    await same(`{ newsroomSectionBySlug(slug: "news") { ${FIELDS.section} } }`, {}, '/sections/news', (answer) => answer);
    expect(await data('{ newsroomSectionBySlug(slug: "no-such-section") { data { breadcrumb { slug } } } }')).toEqual({ newsroomSectionBySlug: null });
  });

  it('articles: filtered, sorted and paged', async () => {
    const whole = (answer: unknown) => answer;
    const list = (args: string) => `{ newsroomArticleList${args} { ${FIELDS.cardList} } }`;
    await same(list(''), {}, '/articles', whole);
    await same(list('(section: "news", pageSize: 5, page: 2)'), {}, '/articles?section=news&pageSize=5&page=2', whole);
    await same(list('(tag: "port-strike")'), {}, '/articles?tag=port-strike', whole);
    const viewed = (await same(list('(sort: "most-viewed", pageSize: 10)'), {}, '/articles?sort=most-viewed&pageSize=10', whole)) as {
      data: Array<{ views: number }>;
    };
    expect(viewed.data[0].views).toBeGreaterThan(0);
    await same(list('(locale: "fr", pageSize: 100)'), {}, '/articles?locale=fr&pageSize=100', whole);
    await same(list('(section: "no-such-section")'), {}, '/articles?section=no-such-section', whole);
  });

  it('a ranking and recommendations', async () => {
    const ranking = (await same(`{ newsroomRankingBySlug(slug: "most-read") { ${FIELDS.ranking} } }`, {}, '/rankings/most-read')) as {
      entries: Array<{ views: number }>;
    };
    expect(ranking.entries[0].views).toBeGreaterThan(0);
    expect(await data('{ newsroomRankingBySlug(slug: "no-such-ranking") { slug } }')).toEqual({ newsroomRankingBySlug: null });
    const seen = sample.related.slice(0, 2).map((card) => card.documentId);
    const recommended = (await same(
      `query ($article: String!, $seen: [String!]) { newsroomRecommendations(article: $article, seen: $seen, limit: 10) { ${FIELDS.recommendation} } }`,
      { article: sample.article.slug, seen },
      `/recommendations?article=${sample.article.slug}&seen=${seen.join(',')}&limit=10`,
    )) as Card[];
    expect(recommended.some((card) => card.reason === 'reading-history')).toBe(true);
    await same(
      `{ newsroomRecommendations(article: "${sample.article.slug}") { ${FIELDS.recommendation} } }`,
      {},
      `/recommendations?article=${sample.article.slug}`,
    );
    expect(await data('{ newsroomRecommendations(article: "no-such-article") { slug } }')).toEqual({ newsroomRecommendations: null });
  });
});

describe('access', () => {
  it('refuses a read to everyone, tokens included, once the Public role no longer holds its action, as REST does', async () => {
    const action = 'plugin::newsroom.articles.page';
    await withoutPublicGrant(strapi, action, async () => {
      expect((await request(base).get(`${API}/articles/${sample.article.slug}/page`)).status).toBe(403);
      for (const caller of Object.keys(callers)) {
        const response = await ask(
          `{ newsroomArticlePage(slug: "${sample.article.slug}") { article { title } } newsroomArticleBySlug(slug: "${sample.article.slug}") { title } }`,
          callers[caller],
        );
        expect({ caller, status: response.status }).toEqual({ caller, status: 200 });
        expect(response.body.data).toEqual({ newsroomArticlePage: null, newsroomArticleBySlug: { title: sample.article.title } });
        expect(response.body.errors).toEqual([
          expect.objectContaining({
            message: `Not open to the public: the Public role does not hold ${action}`,
            path: ['newsroomArticlePage'],
            extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
          }),
        ]);
      }
    });
    expect(await data(`{ newsroomArticlePage(slug: "${sample.article.slug}") { article { title } } }`)).toEqual({
      newsroomArticlePage: { article: { title: sample.article.title } },
    });
  });
});
