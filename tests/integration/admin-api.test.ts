import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { adminRoutes } from '../../server/src/admin-api/routes';
import { readConfig } from '../../server/src/config';
import { documentsOf } from '../../support/documents';
import { startPlayground, stopPlayground } from '../../support/playground';
import { adminLogin, createEditorWithoutPluginActions, DEMO_ADMIN } from '../support/admin';
import { createArticle } from '../support/articles';
import { listOf, relatedService } from '../support/related';

const ARTICLE = 'plugin::newsroom.article';
const RANKING = 'plugin::newsroom.ranking';

let strapi: Core.Strapi;
let adminToken: string;
let editorToken: string;

const http = () => request(strapi.server.httpServer);
const asAdmin = (method: 'get' | 'put' | 'post', url: string) => http()[method](url).set('Authorization', `Bearer ${adminToken}`);

const expectEnvelope = (body: { data: unknown; error: { status: number; name: string; message: string } }, status: number, name: string) => {
  expect(body.data).toBeNull();
  expect(body.error).toMatchObject({ status, name });
  expect(body.error.message).toEqual(expect.any(String));
};

/** A published demo article whose stored list has at least `size` links. */
const articleWithList = async (size: number): Promise<string> => {
  const articles = await documentsOf<{ documentId: string }>(strapi, ARTICLE).findMany({ locale: 'en', status: 'published', fields: ['documentId'] });
  for (const { documentId } of articles) if ((await listOf(strapi, documentId)).length >= size) return documentId;
  throw new Error(`no demo article with ${size} related links`);
};

beforeAll(async () => {
  strapi = await startPlayground({ seed: true });
  await relatedService(strapi).settle();
  adminToken = await adminLogin(strapi, DEMO_ADMIN);
  editorToken = await adminLogin(strapi, await createEditorWithoutPluginActions(strapi));
});

afterAll(async () => {
  await stopPlayground(strapi);
});

describe('related panel routes', () => {
  it('lists the stored links with titles, scores and reasons', async () => {
    const documentId = await articleWithList(3);
    const response = await asAdmin('get', `/newsroom/related/${documentId}?locale=en`).expect(200);
    const panel = response.body.data;
    expect(panel).toMatchObject({ documentId, locale: 'en', state: 'published', source: 'stored', pinned: [], excluded: [] });
    expect(panel.links.map((link: { documentId: string }) => link.documentId)).toEqual(await listOf(strapi, documentId));
    for (const link of panel.links) {
      expect(link.title).not.toBe('');
      expect(link.score).toEqual(expect.any(Number));
      expect(link.reasons).toEqual(expect.any(Array));
    }
  });

  it('pins to the top and excludes out of the stored list at once, and undoes both', async () => {
    const documentId = await articleWithList(3);
    const [, second, third] = await listOf(strapi, documentId);
    const pinned = await asAdmin('put', `/newsroom/related/${documentId}/rules`)
      .send({ locale: 'en', pinned: [third], excluded: [second] })
      .expect(200);
    expect(pinned.body.data.links[0]).toMatchObject({ documentId: third, pinned: true });
    expect(pinned.body.data.pinned.map((ref: { documentId: string }) => ref.documentId)).toEqual([third]);
    const stored = await listOf(strapi, documentId);
    expect(stored[0]).toBe(third);
    expect(stored).not.toContain(second);
    // The published version carries the rules too: a later recompute keeps them.
    const published = await documentsOf<{ relatedPinned: Array<{ documentId: string }> }>(strapi, ARTICLE).findOne({
      documentId,
      locale: 'en',
      status: 'published',
      populate: ['relatedPinned'],
    });
    expect(published?.relatedPinned.map((ref) => ref.documentId)).toEqual([third]);

    const undone = await asAdmin('put', `/newsroom/related/${documentId}/rules`).send({ locale: 'en', pinned: [], excluded: [] }).expect(200);
    expect(undone.body.data.state).toBe('published');
    expect(await listOf(strapi, documentId)).toContain(second);
  });

  it('previews the list of a draft that was never published', async () => {
    const source = await articleWithList(1);
    const original = await documentsOf<{ title: string; dek: string }>(strapi, ARTICLE).findOne({
      documentId: source,
      locale: 'en',
      status: 'published',
      fields: ['title', 'dek'],
    });
    const draftId = await createArticle(strapi, {
      title: `${original?.title} (follow-up)`,
      dek: original?.dek,
      paragraphs: [original?.dek ?? ''],
      publish: false,
    });
    const response = await asAdmin('get', `/newsroom/related/${draftId}?locale=en`).expect(200);
    expect(response.body.data).toMatchObject({ state: 'draft', source: 'preview' });
    expect(response.body.data.links.map((link: { documentId: string }) => link.documentId)).toContain(source);
    expect(await listOf(strapi, draftId)).toEqual([]);
  });

  it('recomputes on demand', async () => {
    const documentId = await articleWithList(1);
    const response = await asAdmin('post', `/newsroom/related/${documentId}/recompute`).send({ locale: 'en' }).expect(200);
    expect(response.body.data.links.length).toBeGreaterThan(0);
  });

  it('refuses bad input with a 400 envelope and changes nothing', async () => {
    const documentId = await articleWithList(2);
    const [first] = await listOf(strapi, documentId);
    const before = await listOf(strapi, documentId);
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['put', `/newsroom/related/${documentId}/rules`, { pinned: [documentId], excluded: [] }],
      ['put', `/newsroom/related/${documentId}/rules`, { pinned: [first], excluded: [first] }],
      ['put', `/newsroom/related/${documentId}/rules`, { pinned: ['nosucharticle'], excluded: [] }],
      ['put', `/newsroom/related/${documentId}/rules`, { pinned: [], excluded: [], score: 1 }],
      ['put', `/newsroom/related/${documentId}/rules`, { pinned: 'x', excluded: [] }],
      ['post', `/newsroom/related/${documentId}/recompute`, { locale: 'not a locale' }],
    ];
    for (const [method, url, body] of cases) {
      const response = await asAdmin(method as 'put' | 'post', url).send(body);
      expect([url, body, response.status]).toEqual([url, body, 400]);
      expectEnvelope(response.body, 400, 'ValidationError');
    }
    expect((await asAdmin('get', '/newsroom/related/not-an-id!').expect(400)).body.error.name).toBe('ValidationError');
    expect((await asAdmin('get', '/newsroom/related/nosucharticle?locale=en').expect(404)).body.error.name).toBe('NotFoundError');
    expect(await listOf(strapi, documentId)).toEqual(before);
  });
});

describe('ranking panel routes', () => {
  const rankingId = async (): Promise<string> => {
    const rankings = await documentsOf<{ documentId: string; kind: string }>(strapi, RANKING).findMany({ locale: 'en', fields: ['documentId', 'kind'] });
    const ranking = rankings.find((candidate) => candidate.kind === 'most-viewed') ?? rankings[0];
    return ranking.documentId;
  };

  it('shows entries with figures and when they were computed; pins and recomputes', async () => {
    const documentId = await rankingId();
    // The seed runs after the plugin's first recompute.
    expect((await asAdmin('post', '/newsroom/rankings/recompute').send({}).expect(200)).body.data).toEqual({ recomputed: true });
    const response = await asAdmin('get', `/newsroom/rankings/${documentId}?locale=en`).expect(200);
    expect(response.body.data).toMatchObject({ documentId, locale: 'en', computedAt: expect.any(String), entries: expect.any(Array) });
    const target = await articleWithList(1);
    const pinned = await asAdmin('put', `/newsroom/rankings/${documentId}/rules`)
      .send({ locale: 'en', pinned: [target], excluded: [] })
      .expect(200);
    expect(pinned.body.data.entries[0]).toMatchObject({ documentId: target, pinned: true });
    await asAdmin('put', `/newsroom/rankings/${documentId}/rules`)
      .send({ locale: 'en', pinned: [], excluded: [target] })
      .expect(200);
    const excluded = await asAdmin('get', `/newsroom/rankings/${documentId}?locale=en`).expect(200);
    expect(excluded.body.data.entries.map((entry: { documentId: string }) => entry.documentId)).not.toContain(target);
    const bad = await asAdmin('put', `/newsroom/rankings/${documentId}/rules`)
      .send({ locale: 'en', pinned: ['nosucharticle'], excluded: [] })
      .expect(400);
    expectEnvelope(bad.body, 400, 'ValidationError');
  });
});

describe('dashboard and rebuild routes', () => {
  it('gives every ranking, the index health and a daily series', async () => {
    const overview = await asAdmin('get', '/newsroom/dashboard').expect(200);
    expect(overview.body.data.rankings.length).toBeGreaterThan(0);
    expect(overview.body.data.health.indexed).toBeGreaterThan(0);
    const stats = await asAdmin('get', '/newsroom/dashboard/stats?days=3').expect(200);
    expect(stats.body.data).toHaveLength(3);
    expect(stats.body.data[2]).toEqual({ day: new Date().toISOString().slice(0, 10), views: expect.any(Number), reactions: expect.any(Number) });
    for (const days of ['0', '91', 'abc'])
      expectEnvelope((await asAdmin('get', `/newsroom/dashboard/stats?days=${days}`).expect(400)).body, 400, 'ValidationError');
  });

  it('starts a rebuild that runs to the end', async () => {
    const started = await asAdmin('post', '/newsroom/rebuild').send({}).expect(202);
    expect(started.body.data.status).toBe('running');
    await relatedService(strapi).settle();
    const finished = await asAdmin('get', '/newsroom/rebuild').expect(200);
    expect(finished.body.data).toMatchObject({ status: 'done', progress: 1 });
  });
});

describe('settings routes', () => {
  it('refuses an invalid value with the config schema message by path, and saves nothing', async () => {
    const before = (await asAdmin('get', '/newsroom/settings').expect(200)).body.data.settings;
    const response = await asAdmin('put', '/newsroom/settings')
      .send({ related: { listSize: 0 }, counters: { dedupeWindowSeconds: 10 } })
      .expect(400);
    expectEnvelope(response.body, 400, 'ValidationError');
    expect(response.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['related', 'listSize'], message: expect.stringContaining('"related.listSize"') }),
    ]);
    expect((await asAdmin('get', '/newsroom/settings').expect(200)).body.data.settings).toEqual(before);
    expect(await strapi.store({ type: 'plugin', name: 'newsroom' }).get({ key: 'settings' })).toBeFalsy();
    for (const body of [{}, { jobs: { batchSize: 1 } }, { related: { unknown: 1 } }, { publicAccess: 'yes' }]) {
      expectEnvelope((await asAdmin('put', '/newsroom/settings').send(body).expect(400)).body, 400, 'ValidationError');
    }
  });

  it('stores a change, applies it to the running services, and rebuilds after a related change', async () => {
    const counters = await asAdmin('put', '/newsroom/settings')
      .send({ counters: { dedupeWindowSeconds: '60' } })
      .expect(200);
    expect(counters.body.data).toMatchObject({ rebuildStarted: false, settings: { counters: { dedupeWindowSeconds: 60 } } });
    expect(readConfig(strapi).counters.dedupeWindowSeconds).toBe(60);

    const related = await asAdmin('put', '/newsroom/settings')
      .send({ related: { listSize: 2 } })
      .expect(200);
    expect(related.body.data.rebuildStarted).toBe(true);
    await relatedService(strapi).settle();
    expect((await relatedService(strapi).rebuildStatus())?.status).toBe('done');
    expect((await listOf(strapi, await articleWithList(1))).length).toBeLessThanOrEqual(2);
    expect(await strapi.store({ type: 'plugin', name: 'newsroom' }).get({ key: 'settings' })).toEqual({
      counters: { dedupeWindowSeconds: 60 },
      related: { listSize: 2 },
    });
  });

  it('answers 409 when another instance holds the save for longer than a lease, and saves nothing', async () => {
    const config = readConfig(strapi);
    const storedBefore: unknown = await strapi.store({ type: 'plugin', name: 'newsroom' }).get({ key: 'settings' });
    // Another instance's save under way (its lease kept ahead); this one waits one lease (made short here) for it.
    await strapi.db.connection('newsroom_related_lock').where({ name: 'settings-save' }).delete();
    await strapi.db.connection('newsroom_related_lock').insert({ name: 'settings-save', owner: 'another-instance', lease_until: Date.now() + 60_000 });
    strapi.config.set('plugin::newsroom', { ...config, jobs: { ...config.jobs, leaseMs: 1000 } });
    try {
      const response = await asAdmin('put', '/newsroom/settings')
        .send({ counters: { dedupeWindowSeconds: 120 } })
        .expect(409);
      expectEnvelope(response.body, 409, 'SettingsBusyError');
      expect(response.headers['retry-after']).toBe('5');
    } finally {
      strapi.config.set('plugin::newsroom', config);
      await strapi.db.connection('newsroom_related_lock').where({ name: 'settings-save' }).delete();
    }
    expect(readConfig(strapi).counters.dedupeWindowSeconds).toBe(config.counters.dedupeWindowSeconds);
    expect(await strapi.store({ type: 'plugin', name: 'newsroom' }).get({ key: 'settings' })).toEqual(storedBefore);
  });
});

describe('permissions', () => {
  const sample = (path: string) => path.replace(':documentId', 'abc123');

  it.each(adminRoutes.map((route) => [route.method, route.path] as const))(
    '%s %s is 403 for an editor without the plugin actions, 401 without login',
    async (method, path) => {
      const verb = method.toLowerCase() as 'get' | 'put' | 'post';
      const call = (agent: ReturnType<typeof http>) => agent[verb](`/newsroom${sample(path)}`);
      const forbidden = await call(http()).set('Authorization', `Bearer ${editorToken}`).send({});
      expect(forbidden.status).toBe(403);
      expectEnvelope(forbidden.body, 403, 'PolicyError');
      expect((await call(http()).send({})).status).toBe(401);
    },
  );

  it('registers the plugin actions for roles', () => {
    const registered = strapi
      .service('admin::permission')
      .actionProvider.values()
      .map((action: { actionId: string }) => action.actionId);
    expect(registered).toEqual(
      expect.arrayContaining(['plugin::newsroom.read', 'plugin::newsroom.related.manage', 'plugin::newsroom.settings', 'plugin::newsroom.rebuild']),
    );
  });
});
