import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { testDatabaseClient } from '../../support/test-database';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { adminLogin, DEMO_ADMIN } from '../support/admin';
import { ARTICLE, paragraphs } from '../support/articles';
import { countersService } from '../support/counters';
import { relatedService } from '../support/related';
import { archiveReads, sentOne, statementsDuring } from '../support/query-plans';

const API = '/api/newsroom';

let strapi: Core.Strapi;
let base: string;
let adminToken: string;
/** A published English article of the demo with a section, tags and a story. */
let sample: { documentId: string; slug: string; section: string; tag: string };

const get = async (path: string, token?: string): Promise<request.Response> => {
  const call = request(base).get(path);
  const response = await (token ? call.set('Authorization', `Bearer ${token}`) : call);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return response;
};

/**
 * The statements `task` sends whose SQLite plan reads a table of the archive whole; and whether
 * it sent one that matches `sent` (names quoted as each database quotes them): it did its work.
 */
const archiveReadsDuring = async (task: () => Promise<unknown>, sent: string): Promise<string[]> => {
  const statements = await statementsDuring(strapi.db.connection, task);
  expect(sentOne(statements, sent)).toBe(true);
  return testDatabaseClient() === 'sqlite' ? archiveReads(strapi.db.connection, statements) : [];
};

/**
 * What a save, a rebuild, a reader's pages and the admin's panels ask of the database. At a
 * million articles a statement that reads a table of the archive whole reads a million rows: on
 * SQLite in the app's thread, where the site stops while it runs. The plans are SQLite's (its
 * planner chooses the same plan on a small table as on a large one, without statistics).
 */
describe('the statements of saves, rebuilds and pages', () => {
  beforeAll(async () => {
    process.env.NEWSROOM_CONFIG = JSON.stringify({ contentApi: { pageRankings: ['most-read'], recommendations: 8 } });
    strapi = await startPlayground({ seed: true });
    base = await listen(strapi);
    await relatedService(strapi).settle();
    adminToken = await adminLogin(strapi, DEMO_ADMIN);
    type Shown = { documentId: string; slug: string; section: { slug: string } | null; tags: { slug: string }[] };
    const shown = await documentsOf<Shown>(strapi, ARTICLE).findMany({ locale: 'en', status: 'published', populate: ['section', 'tags'] });
    const article = shown.find((one) => one.section && one.tags.length > 0);
    if (!article?.section) throw new Error('no demo article with a section and tags');
    sample = { documentId: article.documentId, slug: article.slug, section: article.section.slug, tag: article.tags[0].slug };
  });

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
  });

  it("an editor's save and its job (its list, its neighbours', its story)", async () => {
    const articles = documentsOf<{ documentId: string }>(strapi, ARTICLE);
    const found = await archiveReadsDuring(async () => {
      await articles.update({
        documentId: sample.documentId,
        locale: 'en',
        data: { body: paragraphs('Officials said on Monday that the evacuation would continue through the week.') },
      });
      await articles.publish({ documentId: sample.documentId, locale: 'en' });
      await relatedService(strapi).settle();
    }, 'into `newsroom_related_links`');
    expect(found).toEqual([]);
  });

  it("a full rebuild's phases, from the admin's start to its end", async () => {
    const found = await archiveReadsDuring(async () => {
      await request(base).post('/newsroom/rebuild').set('Authorization', `Bearer ${adminToken}`).send({}).expect(202);
      await relatedService(strapi).settle();
    }, 'into `newsroom_related_vectors`');
    expect(found).toEqual([]);
  });

  it("a reader's pages: lists, an article with its related links, its story, rankings, recommendations", async () => {
    await request(base).post(`${API}/articles/${sample.documentId}/views`).expect(202);
    await countersService(strapi).settle();
    const found = await archiveReadsDuring(async () => {
      for (const path of [
        '/sections',
        `/sections/${sample.section}`,
        '/articles',
        '/articles?page=2&pageSize=5',
        `/articles?section=${sample.section}`,
        `/articles?tag=${sample.tag}`,
        `/articles/${sample.slug}`,
        `/articles/${sample.slug}/page`,
        `/articles/${sample.slug}/story`,
        `/recommendations?article=${sample.slug}`,
        '/rankings/most-read',
      ])
        await get(`${API}${path}`);
    }, 'from `newsroom_related_links`');
    expect(found).toEqual([]);
  });

  it("the admin's panels: an article's links and rankings, the dashboard, the rebuild", async () => {
    const ranking = await documentsOf<{ documentId: string }>(strapi, 'plugin::newsroom.ranking').findFirst({ locale: 'en', filters: { slug: 'most-read' } });
    const found = await archiveReadsDuring(async () => {
      for (const path of [
        `/related/${sample.documentId}?locale=en`,
        `/rankings/${ranking?.documentId}?locale=en`,
        '/dashboard',
        '/dashboard/stats?days=7',
        '/rebuild',
      ])
        await get(`/newsroom${path}`, adminToken);
    }, 'from `newsroom_related_jobs`');
    expect(found).toEqual([]);
  });
});
