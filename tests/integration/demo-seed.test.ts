import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';

const ARTICLE = 'plugin::newsroom.article';
const SECTION = 'plugin::newsroom.section';
const RANKING = 'plugin::newsroom.ranking';
const TAG = 'plugin::newsroom.tag';
const DAY = 86_400_000;

type Counts = Record<string, number>;

const countAll = async (strapi: Core.Strapi): Promise<Counts> => ({
  sectionsEn: await strapi.db.query(SECTION).count({ where: { locale: 'en' } }),
  sectionsFr: await strapi.db.query(SECTION).count({ where: { locale: 'fr' } }),
  articleRows: await strapi.db.query(ARTICLE).count({}),
  publishedEn: await strapi.db.query(ARTICLE).count({ where: { locale: 'en', publishedAt: { $notNull: true } } }),
  publishedFr: await strapi.db.query(ARTICLE).count({ where: { locale: 'fr', publishedAt: { $notNull: true } } }),
  rankings: await strapi.db.query(RANKING).count({}),
  tags: await strapi.db.query(TAG).count({}),
  admins: await strapi.db.query('admin::user').count({}),
  views: Number((await strapi.db.connection('newsroom_counter_totals').where({ metric: 'view' }).sum({ n: 'count' }).first())?.n ?? 0),
});

describe('demo seed', () => {
  const databaseFile = temporaryDatabase();
  let strapi: Core.Strapi | undefined;
  let firstCounts: Counts;

  beforeAll(() => {
    // The tests count from zero elsewhere; here the demo's synthetic history is what is checked.
    process.env.DEMO_VIEWS = 'true';
  });

  afterAll(async () => {
    await stopPlayground(strapi);
    await removeDatabase(databaseFile);
    process.env.DEMO_VIEWS = 'false';
  });

  it('creates the sections, articles, rankings and admin it promises on the first start', async () => {
    strapi = await startPlayground({ databaseFile, seed: true, firstStart: true });
    firstCounts = await countAll(strapi);

    expect(firstCounts.sectionsEn).toBeGreaterThanOrEqual(8);
    expect(firstCounts.sectionsFr).toBe(firstCounts.sectionsEn);
    expect(firstCounts.publishedEn).toBeGreaterThanOrEqual(80);
    expect(firstCounts.publishedFr).toBeGreaterThanOrEqual(5);
    expect(firstCounts.tags).toBeGreaterThan(20);
    expect(firstCounts.admins).toBe(1);

    // A section two levels deep gives a three-step breadcrumb.
    type Section = { slug: string; parent?: Section | null };
    const asia = await documentsOf<Section>(strapi, SECTION).findFirst({
      locale: 'en',
      filters: { slug: 'asia' },
      populate: { parent: { populate: ['parent'] } },
    });
    expect(asia?.parent?.slug).toBe('world');
    expect(asia?.parent?.parent?.slug).toBe('news');

    type Article = { publicationDate: string; byline: string; dateline: string; section: { slug: string } | null; tags: unknown[] };
    const published = await documentsOf<Article>(strapi, ARTICLE).findMany({
      locale: 'en',
      status: 'published',
      fields: ['title', 'publicationDate', 'byline', 'dateline'],
      populate: ['section', 'tags'],
      limit: 1000,
    });
    const times = published.map((article) => new Date(article.publicationDate).getTime());
    expect(Math.min(...times)).toBeGreaterThan(Date.now() - 31 * DAY);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(20 * DAY);
    expect(new Set(published.map((article) => article.section?.slug)).size).toBeGreaterThanOrEqual(8);
    for (const article of published) {
      expect(article.section).not.toBeNull();
      expect(article.tags.length).toBeGreaterThan(0);
      expect(article.byline).toBeTruthy();
      expect(article.dateline).toBeTruthy();
    }

    type Ranking = { slug: string; kind: string; pinned: unknown[] };
    const rankings = await documentsOf<Ranking>(strapi, RANKING).findMany({ locale: 'en', populate: ['pinned'] });
    const bySlug = new Map(rankings.map((ranking) => [ranking.slug, ranking]));
    expect(bySlug.get('most-read')?.kind).toBe('most-viewed');
    expect(bySlug.get('trending')?.kind).toBe('trending');
    expect(bySlug.get('editors-picks')?.kind).toBe('editors-picks');
    expect(bySlug.get('editors-picks')?.pinned.length).toBeGreaterThanOrEqual(4);

    // Demo data: a synthetic history of views, so "Most read", "Trending" and the chart are filled
    // at the first start, before any ranking tick.
    expect(firstCounts.views).toBeGreaterThan(10_000);
    const viewed = await strapi.db.connection('newsroom_counter_totals').where({ metric: 'view', locale: 'en' }).countDistinct({ n: 'document_id' }).first();
    expect(Number(viewed?.n)).toBeGreaterThanOrEqual(0.8 * firstCounts.publishedEn);
    for (const slug of ['most-read', 'trending']) {
      const ranking = await request(strapi.server.httpServer).get(`/api/newsroom/rankings/${slug}`).expect(200);
      expect(ranking.body.data.entries.length).toBeGreaterThanOrEqual(3);
    }
    const days = await strapi.db.connection('newsroom_counter_buckets').where({ metric: 'view' }).distinct(strapi.db.connection.raw('floor(hour / 24) as day'));
    expect(days.length).toBeGreaterThanOrEqual(13);

    const login = await request(strapi.server.httpServer).post('/admin/login').send({ email: 'admin@newsroom.local', password: 'NewsroomDemo1' }).expect(200);
    expect(login.body.data.token).toEqual(expect.any(String));
  });

  it('creates nothing new on a second start', async () => {
    await stopPlayground(strapi);
    strapi = await startPlayground({ databaseFile, seed: true });
    expect(await countAll(strapi)).toEqual(firstCounts);
  });
});
