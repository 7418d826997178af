import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { publicRoutes } from '../../server/src/content-api/routes';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { createArticle } from '../support/articles';
import { leaks, withoutPublicGrant, type Card, type PageAnswer } from '../support/content-api';
import { clockService, countersService, rankingsService, readerAgent } from '../support/counters';
import { relatedService } from '../support/related';

const ARTICLE = 'plugin::newsroom.article';
const API = '/api/newsroom';
const ASIA_STORY = 'typhoon-haikui-makes-landfall';

let strapi: Core.Strapi;
let base: string;
const http = () => request(base);
const settle = async (): Promise<void> => {
  await relatedService(strapi).settle();
  await countersService(strapi).settle();
};

const get = async <T>(path: string, status = 200): Promise<{ data: T; meta: Record<string, unknown> }> => {
  const response = await http().get(`${API}${path}`);
  if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { data: T; meta: Record<string, unknown> };
};

/** A published English article of the demo that has a section and a related list. */
let sample: PageAnswer;

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({
    rankings: { schedule: { enabled: false, intervalSeconds: 60 } },
    contentApi: {
      pageRankings: ['most-read'],
      maxAgeSeconds: 10,
      cache: { enabled: true, ttlSeconds: 300, maxEntries: 1000, pollMs: 200 },
      recommendations: 8,
    },
  });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await settle();
  const articles = await get<Card[]>('/articles?pageSize=100');
  // Some views, so that "most read" has entries.
  for (const [index, card] of articles.data.slice(0, 12).entries()) {
    for (let reader = 0; reader <= index; reader += 1)
      await http()
        .post(`${API}/articles/${card.documentId}/views`)
        .set('User-Agent', readerAgent(`${card.slug}-${reader}`))
        .expect(202);
  }
  await countersService(strapi).flush();
  expect(await rankingsService(strapi).recomputeNow()).toBe(true);
  const withRelated = [];
  for (const card of articles.data.slice(0, 20)) {
    const page = (await get<PageAnswer>(`/articles/${card.slug}/page`)).data;
    if (page.related.length >= 3 && page.breadcrumb.length >= 2) withRelated.push(page);
  }
  sample = withRelated[0];
  expect(sample).toBeDefined();
});

afterAll(async () => {
  clockService(strapi).set(null);
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('sections', () => {
  it('lists the section tree of a locale, siblings by position', async () => {
    const { data } = await get<Array<{ slug: string; name: string; children: Array<{ slug: string; children: Array<{ slug: string }> }> }>>('/sections');
    expect(data.map((section) => section.slug).slice(0, 3)).toEqual(['news', 'business', 'technology']);
    const news = data.find((section) => section.slug === 'news');
    expect(news?.children.map((child) => child.slug)).toEqual(['world', 'politics']);
    expect(news?.children[0].children.map((child) => child.slug)).toEqual(['asia']);
    const fr = await get<Array<{ slug: string; name: string }>>('/sections?locale=fr');
    expect(fr.data.find((section) => section.name === 'Actualités')).toBeDefined();
  });

  it('answers a section with its breadcrumb and its latest articles (sub-sections included), a page at a time', async () => {
    const first = await get<{ section: { slug: string }; breadcrumb: Array<{ slug: string }>; articles: Card[] }>('/sections/asia?pageSize=2');
    expect(first.data.breadcrumb.map((item) => item.slug)).toEqual(['news', 'world', 'asia']);
    expect(first.data.articles).toHaveLength(2);
    expect(first.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
    const news = await get<{ articles: Card[] }>('/sections/news?pageSize=100');
    expect(news.data.articles.some((card) => card.section?.slug === 'asia')).toBe(true);
    const dates = news.data.articles.map((card) => card.publicationDate ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    await get('/sections/no-such-section', 404);
  });
});

describe('articles', () => {
  it('pages through published articles, newest first, with a page size capped at 100', async () => {
    const page1 = await get<Card[]>('/articles?pageSize=5');
    const page2 = await get<Card[]>('/articles?pageSize=5&page=2');
    expect(page1.data).toHaveLength(5);
    expect(page1.meta.pagination).toMatchObject({ page: 1, pageSize: 5, total: expect.any(Number) });
    expect(page2.data[0].publicationDate! <= page1.data[4].publicationDate!).toBe(true);
    expect((await http().get(`${API}/articles?pageSize=101`)).body.error).toMatchObject({
      status: 400,
      name: 'ValidationError',
      message: expect.stringContaining('pageSize'),
    });
    expect((await get<Card[]>('/articles?pageSize=100')).data.length).toBeLessThanOrEqual(100);
  });

  it('filters by section, tag and locale, and sorts by views', async () => {
    const sport = await get<Card[]>('/articles?section=sport&pageSize=100');
    expect(sport.data.length).toBeGreaterThan(0);
    expect(sport.data.every((card) => card.section?.slug === 'sport')).toBe(true);
    const tagged = await get<Card[]>('/articles?tag=port-strike');
    expect(tagged.data.length).toBeGreaterThan(1);
    const fr = await get<Card[]>('/articles?locale=fr&pageSize=100');
    expect(fr.data.length).toBeGreaterThan(0);
    const en = await get<Card[]>('/articles?pageSize=100');
    expect(fr.data.some((card) => en.data.some((other) => other.slug === card.slug && other.title === card.title))).toBe(false);
    const viewed = await get<Array<Card & { views: number }>>('/articles?sort=most-viewed&pageSize=5');
    const views = viewed.data.map((card) => card.views);
    expect(views[0]).toBeGreaterThan(0);
    expect([...views].sort((a, b) => b - a)).toEqual(views);
    expect((await get<Card[]>('/articles?section=no-such-section')).data).toEqual([]);
  });

  it('answers one article with its breadcrumb, counts and related list, in the locale', async () => {
    const { data } = await get<PageAnswer['article'] & { breadcrumb: Array<{ slug: string }>; related: Card[] }>(`/articles/${sample.article.slug}`);
    expect(data).toMatchObject({
      documentId: sample.article.documentId,
      title: sample.article.title,
      locale: 'en',
      views: expect.any(Number),
      reactions: { veryGood: expect.any(Number) },
    });
    expect(Array.isArray(data.body)).toBe(true);
    expect(data.breadcrumb.length).toBeGreaterThan(0);
    expect(data.related[0]).toEqual({
      documentId: expect.any(String),
      title: expect.any(String),
      slug: expect.any(String),
      publicationDate: expect.any(String),
      section: expect.any(Object),
      reasons: expect.any(Array),
      sameStory: expect.any(Boolean),
    });
    await get(`/articles/${sample.article.slug}?locale=fr`, 404);
    await get('/articles/no-such-article', 404);
  });
});

describe('the article page', () => {
  it('answers everything the page shows in one request: article, breadcrumb, related, rankings, recommendations', async () => {
    const { data } = await get<PageAnswer>(`/articles/${sample.article.slug}/page`);
    expect(data.article.slug).toBe(sample.article.slug);
    expect(data.breadcrumb.map((item) => item.slug)).toEqual(sample.breadcrumb.map((item) => item.slug));
    expect(data.related.length).toBeGreaterThanOrEqual(3);
    expect(data.rankings.map((ranking) => ranking.slug)).toEqual(['most-read']);
    expect(data.rankings[0].entries.length).toBeGreaterThan(0);
    expect(data.recommendations.length).toBe(8);
    // Recommendations never repeat the article, its related list or the page's rankings.
    const shown = new Set([
      data.article.documentId,
      ...data.related.map((card) => card.documentId),
      ...data.rankings.flatMap((ranking) => ranking.entries.map((entry) => entry.documentId)),
    ]);
    expect(data.recommendations.filter((card) => shown.has(card.documentId))).toEqual([]);
    expect(new Set(data.recommendations.map((card) => card.documentId)).size).toBe(data.recommendations.length);
  });

  it('sends Cache-Control and an ETag on every read, and 304 to a matching If-None-Match', async () => {
    for (const path of [
      '/sections',
      '/sections/news',
      '/articles',
      `/articles/${sample.article.slug}`,
      `/articles/${sample.article.slug}/page`,
      `/recommendations?article=${sample.article.slug}`,
      '/rankings/most-read',
    ]) {
      const first = await http().get(`${API}${path}`).expect(200);
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(first.headers.etag).toMatch(/^"/);
      const again = await http().get(`${API}${path}`).set('If-None-Match', first.headers.etag);
      expect({ path, status: again.status, body: again.text }).toEqual({ path, status: 304, body: '' });
    }
  });
});

describe('recommendations', () => {
  it('blends picks, trending and popular pieces from other sections, the same for the same input', async () => {
    const path = `/recommendations?article=${sample.article.slug}&limit=6`;
    const first = await get<Card[]>(path);
    expect(first.data).toHaveLength(6);
    expect(await get<Card[]>(path)).toEqual(first);
    const reasons = new Set(first.data.map((card) => card.reason));
    expect(reasons.size).toBeGreaterThan(1);
    const own = sample.article.section?.documentId;
    expect(first.data.filter((card) => card.reason !== 'editors-pick' && card.reason !== 'reading-history' && card.section?.documentId === own)).toEqual([]);
  });

  it('uses the reading history: articles related to what the reader has seen', async () => {
    const seen = sample.related[0];
    const { data } = await get<Card[]>(`/recommendations?article=${sample.article.slug}&seen=${seen.documentId}&limit=10`);
    expect(data.some((card) => card.reason === 'reading-history')).toBe(true);
    expect(data.find((card) => card.documentId === seen.documentId)).toBeUndefined();
    await get(`/recommendations?article=no-such-article`, 404);
  });
});

describe('security', () => {
  it('never shows a draft, whatever the parameters', async () => {
    const title = 'A draft about the typhoon nobody may read yet';
    await createArticle(strapi, { title, paragraphs: ['Typhoon Haikui draft text.'], publish: false, extra: { slug: 'secret-draft' } });
    await settle();
    for (const query of ['', '?status=draft', '?publicationFilter=never-published', '?status=draft&locale=en', '?populate=*']) {
      expect([400, 404]).toContain((await http().get(`${API}/articles/secret-draft${query}`)).status);
      expect([400, 404]).toContain((await http().get(`${API}/articles/secret-draft/page${query}`)).status);
    }
    for (const path of [
      '/articles?pageSize=100',
      '/articles?pageSize=100&status=draft',
      '/sections/news?pageSize=100',
      `/recommendations?article=${sample.article.slug}&limit=50`,
    ]) {
      const response = await http().get(`${API}${path}`);
      expect(response.text).not.toContain('secret-draft');
    }
  });

  it('leaks no private field, admin user or internal table at any depth of any answer', async () => {
    const paths = [
      '/sections',
      '/sections/asia',
      '/articles?pageSize=100',
      '/articles?sort=most-viewed',
      `/articles/${sample.article.slug}`,
      `/articles/${sample.article.slug}/page`,
      `/recommendations?article=${sample.article.slug}&seen=${sample.related[0].documentId}`,
      '/rankings/most-read',
    ];
    for (const path of paths) {
      const response = await http().get(`${API}${path}`).expect(200);
      expect({ path, leaks: leaks(response.body) }).toEqual({ path, leaks: [] });
    }
  });

  it('refuses unknown parameters, wrong types and oversized values with a 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/sections?populate=*', 'populate'],
      ['/sections/news?filters[createdBy][email][$startsWith]=a', 'filters'],
      ['/articles?fields[0]=hideRelated', 'fields'],
      ['/articles?page=0', 'page'],
      ['/articles?pageSize=abc', 'pageSize'],
      ['/articles?sort=createdAt', 'sort'],
      ['/articles?section[$ne]=x', 'section'],
      [`/articles/${sample.article.slug}?status=draft`, 'status'],
      [`/articles/${sample.article.slug}/page?locale=${'x'.repeat(300)}`, 'locale'],
      [`/articles/${'a'.repeat(300)}`, 'slug'],
      [`/recommendations?article=${sample.article.slug}&seen=${Array.from({ length: 21 }, (_, i) => `id${i}`).join(',')}`, 'seen'],
      [`/recommendations?article=${sample.article.slug}&limit=51`, 'limit'],
      ['/recommendations', 'article'],
      ['/rankings/most-read?sort=views', 'sort'],
    ];
    for (const [path, field] of cases) {
      const response = await http().get(`${API}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(response.body.error.message).toContain(field);
    }
  });

  it('answers the same (or 400) to two requests that differ only in a probe value inside a filter-like parameter', async () => {
    const probes = [
      '/articles?filters[createdBy][email][$startsWith]=',
      '/articles?section[$startsWith]=',
      '/articles?tag[$contains]=',
      '/sections/news?filters[articles][title][$contains]=',
      `/articles/${sample.article.slug}/page?populate[createdBy][filters][email][$startsWith]=`,
      `/recommendations?article=${sample.article.slug}&seen[$in]=`,
    ];
    for (const probe of probes) {
      const [a, b] = await Promise.all([http().get(`${API}${probe}a`), http().get(`${API}${probe}zzzz`)]);
      expect({ probe, status: b.status }).toEqual({ probe, status: a.status });
      if (a.status !== 400) expect({ probe, body: b.text }).toEqual({ probe, body: a.text });
    }
  });

  it("declares each route's own query keys, so Strapi's strictParams query check accepts them", async () => {
    expect(strapi.config.get('api.rest.strictParams')).toBe(true);
    const model = strapi.getModel('plugin::newsroom.article' as never);
    const samples: Record<string, Record<string, string>> = {
      'articles.find': { section: 'news', tag: 'port-strike', page: '1', pageSize: '10', sort: 'newest', locale: 'en' },
      'recommendations.find': { article: 'a-slug', seen: 'abc,def', limit: '5', locale: 'en' },
      'sections.findOne': { page: '1', pageSize: '10', locale: 'en' },
    };
    const routes = (strapi.plugin('newsroom').routes as unknown as Record<string, { routes: Array<{ handler: string; request?: unknown }> }>)['content-api']
      .routes;
    const validateQuery = strapi.contentAPI.validate.query as (
      query: Record<string, unknown>,
      schema: unknown,
      options: Record<string, unknown>,
    ) => Promise<void>;
    for (const route of routes.filter((candidate) => candidate.handler in samples)) {
      const { sort, ...query } = samples[route.handler];
      // `sort` is Strapi's own key with its own grammar (`field:asc`); ours takes a name.
      void sort;
      await expect(validateQuery(query, model, { strictParams: true, route })).resolves.toBeUndefined();
      await expect(validateQuery({ ...query, undeclared: 'x' }, model, { strictParams: true, route })).rejects.toThrow();
    }
    expect(publicRoutes.length).toBe(routes.length);
  });

  it('answers 403 to the public once the grant of an action is withdrawn', async () => {
    await withoutPublicGrant(strapi, 'plugin::newsroom.articles.page', async () => {
      const response = await http().get(`${API}/articles/${sample.article.slug}/page`);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ data: null, error: { status: 403 } });
      expect((await http().get(`${API}/articles/${sample.article.slug}`)).status).toBe(200);
    });
  });
});

describe('freshness', () => {
  it('shows a publish, an edit and an unpublish in the page answer at once', async () => {
    const articles = documentsOf<{ documentId: string }>(strapi, ARTICLE);
    const documentId = await createArticle(strapi, {
      title: 'Typhoon Haikui makes landfall near the coast',
      paragraphs: ['Typhoon Haikui made landfall, with storm surge and flooding across the coast.'],
      extra: { slug: ASIA_STORY },
    });
    const first = (await get<PageAnswer>(`/articles/${ASIA_STORY}/page`)).data;
    expect(first.article.title).toBe('Typhoon Haikui makes landfall near the coast');
    await get(`/articles/${ASIA_STORY}/page`);

    await articles.update({ documentId, locale: 'en', data: { title: 'Typhoon Haikui makes landfall: thousands evacuated' } });
    await articles.publish({ documentId, locale: 'en' });
    expect((await get<PageAnswer>(`/articles/${ASIA_STORY}/page`)).data.article.title).toBe('Typhoon Haikui makes landfall: thousands evacuated');
    expect((await get<Card[]>('/articles?pageSize=1')).data[0].documentId).toBe(documentId);

    await articles.unpublish({ documentId, locale: 'en' });
    await get(`/articles/${ASIA_STORY}/page`, 404);
    expect((await get<Card[]>('/articles?pageSize=1')).data[0].documentId).not.toBe(documentId);

    await articles.publish({ documentId, locale: 'en' });
    expect((await get<PageAnswer>(`/articles/${ASIA_STORY}/page`)).data.article.documentId).toBe(documentId);
  });

  it('sees a save made on another instance within one poll of the shared content version', async () => {
    const path = `/articles/${sample.article.slug}/page`;
    const published = () =>
      strapi.db.connection('newsroom_articles').where({ document_id: sample.article.documentId, locale: 'en' }).whereNotNull('published_at');
    const otherInstanceSaves = async (title: string): Promise<void> => {
      // Another instance's save changes the rows and bumps the version; this instance's middleware never runs.
      await published().update({ title });
      await strapi.db.connection('newsroom_content_version').where({ id: 1 }).increment('version', 1);
    };
    const titleNow = async (): Promise<string> => (await get<PageAnswer>(path)).data.article.title;
    // The earlier saves' recomputes are done and every bump polled: from here only this test clears.
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const original = await titleNow();
    await published().update({ title: 'Changed without a version bump' });
    expect(await titleNow()).toBe(original);
    await otherInstanceSaves('Changed on another instance');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await titleNow()).toBe('Changed on another instance');
    await otherInstanceSaves(original);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await titleNow()).toBe(original);
  });

  it('takes a rankings swap into the page answer at once', async () => {
    const before = (await get<PageAnswer>(`/articles/${sample.article.slug}/page`)).data;
    const listed = new Set(before.rankings[0].entries.map((entry) => entry.documentId));
    const target = (await get<Card[]>('/articles?pageSize=100')).data.find(
      (card) => !listed.has(card.documentId) && card.documentId !== sample.article.documentId,
    ) as Card;
    for (let reader = 0; reader < 40; reader += 1)
      await http()
        .post(`${API}/articles/${target.documentId}/views`)
        .set('User-Agent', readerAgent(`swap-${reader}`))
        .expect(202);
    await countersService(strapi).flush();
    expect(await rankingsService(strapi).recomputeNow()).toBe(true);
    expect((await get<PageAnswer>(`/articles/${sample.article.slug}/page`)).data.rankings[0].entries[0].documentId).toBe(target.documentId);
  });

  it('drops an unpublished article from the related lists of other pages at once, and after their recompute', async () => {
    const target = sample.related[0];
    const before = (await get<PageAnswer>(`/articles/${sample.article.slug}/page`)).data;
    expect(before.related.map((card) => card.documentId)).toContain(target.documentId);
    await documentsOf(strapi, ARTICLE).unpublish({ documentId: target.documentId, locale: 'en' });
    expect((await get<PageAnswer>(`/articles/${sample.article.slug}/page`)).data.related.map((card) => card.documentId)).not.toContain(target.documentId);
    await settle();
    const after = (await get<PageAnswer>(`/articles/${sample.article.slug}/page`)).data;
    expect(after.related.map((card) => card.documentId)).not.toContain(target.documentId);
    await documentsOf(strapi, ARTICLE).publish({ documentId: target.documentId, locale: 'en' });
    await settle();
  });
});
