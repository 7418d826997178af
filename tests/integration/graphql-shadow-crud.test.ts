import type { Core } from '@strapi/strapi';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { createArticle } from '../support/articles';
import { graphql } from '../support/graphql';

/**
 * `graphql.shadowCrud: true`, the opt-in for previews: Strapi's generated queries of the plugin's
 * types come back, drafts included for a caller Strapi lets `find` (a read-only API token), but
 * never a mutation or an editorial field; the newsroom's own queries stay as they are.
 */
let strapi: Core.Strapi;
let base: string;
let preview: Record<string, string>;
let draftId: string;

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ publicAccess: true, graphql: { shadowCrud: true } });
  strapi = await startPlayground();
  base = await listen(strapi);
  const published = await createArticle(strapi, {
    title: 'Port strike ends after a week',
    paragraphs: ['Dockworkers return to the terminals.'],
    extra: { slug: 'port-strike-ends' },
  });
  draftId = await createArticle(strapi, {
    title: 'EMBARGOED secret merger draft',
    paragraphs: ['EMBARGOED until Friday.'],
    publish: false,
    extra: { slug: 'embargoed-secret-merger-draft', hideRelated: true, relatedPinned: [published] },
  });
  const tokens = strapi.service('admin::api-token') as unknown as { create(attributes: Record<string, unknown>): Promise<{ accessKey: string }> };
  preview = { Authorization: `Bearer ${(await tokens.create({ name: 'Preview', type: 'read-only', kind: 'content-api', lifespan: null })).accessKey}` };
});

afterAll(async () => {
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('graphql.shadowCrud: true', () => {
  it('lets a read-only token read a draft for a preview, and not the public', async () => {
    const query = `{ newsroomArticles(status: DRAFT) { documentId title section { name } tags { name } } }`;
    const token = await graphql<{ newsroomArticles: Array<{ documentId: string; title: string }> }>(base, query, { headers: preview });
    expect(token.body.errors).toBeUndefined();
    expect(token.body.data?.newsroomArticles.map((article) => article.documentId)).toContain(draftId);
    const anyone = await graphql(base, query);
    expect(anyone.status).toBeLessThan(500);
    expect(anyone.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anyone.text).not.toContain('EMBARGOED');
  });

  it('still shows no editorial field', async () => {
    for (const field of ['relatedPinned { documentId }', 'relatedExcluded { documentId }', 'notInStory { documentId }', 'hideRelated', 'neverListAsRelated']) {
      const response = await graphql(base, `{ newsroomArticles(status: DRAFT) { title ${field} } }`, { headers: preview });
      expect({ field, status: response.status, message: response.body.errors?.[0]?.message }).toEqual({
        field,
        status: 400,
        message: expect.stringContaining('Cannot query field'),
      });
      expect(response.text).not.toContain('EMBARGOED');
    }
    // Nor a filter on one, which would tell its value.
    const filtered = await graphql(base, '{ newsroomArticles(status: DRAFT, filters: { hideRelated: { eq: true } }) { title } }', { headers: preview });
    expect(filtered.status).toBe(400);
    expect(filtered.text).not.toContain('EMBARGOED');
    const ranking = await graphql<{ __type: { fields: Array<{ name: string }> } }>(base, '{ __type(name: "NewsroomRanking") { fields { name } } }');
    expect(ranking.body.data?.__type.fields.map((field) => field.name)).not.toEqual(expect.arrayContaining(['pinned']));
    expect(ranking.body.data?.__type.fields.map((field) => field.name)).not.toEqual(expect.arrayContaining(['excluded']));
  });

  it("still runs no mutation on the plugin's types", async () => {
    const mutation = await graphql(base, 'mutation { createNewsroomArticle(data: { title: "Forged" }) { documentId } }', { headers: preview });
    expect(mutation.status).toBe(400);
    expect(mutation.body.errors?.[0]?.message).toMatch(/Cannot query field "createNewsroomArticle"/);
  });

  it("keeps the newsroom's own queries beside the generated ones", async () => {
    const response = await graphql<{ newsroomArticleBySlug: { title: string } | null; draft: null }>(
      base,
      '{ newsroomArticleBySlug(slug: "port-strike-ends") { title } draft: newsroomArticleBySlug(slug: "embargoed-secret-merger-draft") { title } }',
      { headers: preview },
    );
    expect(response.body).toEqual({ data: { newsroomArticleBySlug: { title: 'Port strike ends after a week' }, draft: null } });
  });
});
