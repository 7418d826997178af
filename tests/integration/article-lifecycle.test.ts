import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { startPlayground, stopPlayground } from '../../support/playground';

const ARTICLE = 'plugin::newsroom.article';
const SECTION = 'plugin::newsroom.section';

type Doc = {
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  publicationDate: string | null;
  publishedAt: string | null;
  section?: { name: string } | null;
};

let strapi: Core.Strapi;
let sectionId: string;

const articles = () => documentsOf<Doc>(strapi, ARTICLE);
const find = (documentId: string, locale: string, status: 'draft' | 'published') => articles().findOne({ documentId, locale, status, populate: ['section'] });

beforeAll(async () => {
  strapi = await startPlayground();
  await strapi.plugin('i18n').service('locales').create({ code: 'fr', name: 'French (fr)' });
  const sections = documentsOf<{ documentId: string }>(strapi, SECTION);
  sectionId = (await sections.create({ locale: 'en', data: { name: 'World' } })).documentId;
  await sections.update({ documentId: sectionId, locale: 'fr', data: { name: 'Monde' } });
});

afterAll(async () => {
  await stopPlayground(strapi);
});

describe('article lifecycle through the Document Service', () => {
  it('creates, publishes, updates, unpublishes and deletes an article in two locales', async () => {
    const draft = await articles().create({
      locale: 'en',
      data: { title: 'Harbour cranes fall silent', dek: 'Dock workers walk out.', section: sectionId },
    });
    const { documentId } = draft;
    expect(draft.slug).toBe('harbour-cranes-fall-silent');
    expect(draft.publicationDate).toBeNull();
    expect(await find(documentId, 'en', 'published')).toBeNull();

    await articles().publish({ documentId, locale: 'en' });
    const published = await find(documentId, 'en', 'published');
    expect(published?.title).toBe('Harbour cranes fall silent');
    expect(published?.section?.name).toBe('World');
    const firstPublication = published?.publicationDate;
    expect(firstPublication).toEqual(expect.any(String));

    await articles().update({ documentId, locale: 'fr', data: { title: 'Les grues du port se taisent', section: sectionId } });
    const french = await find(documentId, 'fr', 'draft');
    expect(french?.slug).toBe('les-grues-du-port-se-taisent');
    expect(french?.section?.name).toBe('Monde');
    await articles().publish({ documentId, locale: 'fr' });
    expect((await find(documentId, 'fr', 'published'))?.title).toBe('Les grues du port se taisent');

    // A draft edit leaves the published version alone until it is published.
    await articles().update({ documentId, locale: 'en', data: { title: 'Harbour cranes fall silent as strike spreads' } });
    expect((await find(documentId, 'en', 'published'))?.title).toBe('Harbour cranes fall silent');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await articles().publish({ documentId, locale: 'en' });
    const republished = await find(documentId, 'en', 'published');
    expect(republished?.title).toBe('Harbour cranes fall silent as strike spreads');
    expect(republished?.slug).toBe('harbour-cranes-fall-silent');
    expect(republished?.publicationDate).toBe(firstPublication);

    // Unpublishing French leaves English online.
    await articles().unpublish({ documentId, locale: 'fr' });
    expect(await find(documentId, 'fr', 'published')).toBeNull();
    expect(await find(documentId, 'fr', 'draft')).not.toBeNull();
    expect(await find(documentId, 'en', 'published')).not.toBeNull();

    // Deleting English leaves the French draft.
    await articles().delete({ documentId, locale: 'en' });
    expect(await find(documentId, 'en', 'draft')).toBeNull();
    expect(await find(documentId, 'en', 'published')).toBeNull();
    expect(await find(documentId, 'fr', 'draft')).not.toBeNull();

    await articles().delete({ documentId, locale: 'fr' });
    expect(await strapi.db.query(ARTICLE).count({ where: { documentId } })).toBe(0);
  });

  it('keeps an editor-chosen publication date', async () => {
    const chosen = '2026-01-15T08:30:00.000Z';
    const created = await articles().create({
      locale: 'en',
      status: 'published',
      data: { title: 'Backdated correction notice', publicationDate: chosen },
    });
    expect(new Date((await find(created.documentId, 'en', 'published'))?.publicationDate ?? '').toISOString()).toBe(chosen);
  });

  it('gives a second article with the same title its own slug', async () => {
    const first = await articles().create({ locale: 'en', data: { title: 'Storm warning' } });
    const second = await articles().create({ locale: 'en', data: { title: 'Storm warning' } });
    expect(first.slug).toBe('storm-warning');
    expect(second.slug).toBe('storm-warning-1');
  });
});

describe('article lifecycle over HTTP, as an editor in the content manager', () => {
  let token: string;
  const base = `/content-manager/collection-types/${ARTICLE}`;

  beforeAll(async () => {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      email: 'editor@newsroom.test',
      firstname: 'Test',
      lastname: 'Editor',
      password: 'EditorPass1',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
    const login = await request(strapi.server.httpServer).post('/admin/login').send({ email: 'editor@newsroom.test', password: 'EditorPass1' }).expect(200);
    token = login.body.data.token;
  });

  const api = () => request(strapi.server.httpServer);
  const auth = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);

  it('creates, publishes, updates, unpublishes and deletes in English and French', async () => {
    const created = await auth(api().post(`${base}?locale=en`))
      .send({ title: 'Ferry service resumes after strike', dek: 'Crossings restart at dawn.', section: sectionId })
      .expect(201);
    const { documentId } = created.body.data;
    expect(created.body.data.slug).toBe('ferry-service-resumes-after-strike');

    await auth(api().post(`${base}/${documentId}/actions/publish?locale=en`))
      .send({})
      .expect(200);
    expect((await find(documentId, 'en', 'published'))?.title).toBe('Ferry service resumes after strike');

    await auth(api().put(`${base}/${documentId}?locale=fr`))
      .send({ title: 'Les ferries reprennent après la grève', section: sectionId })
      .expect(200);
    await auth(api().post(`${base}/${documentId}/actions/publish?locale=fr`))
      .send({})
      .expect(200);
    expect((await find(documentId, 'fr', 'published'))?.section?.name).toBe('Monde');

    await auth(api().put(`${base}/${documentId}?locale=en`))
      .send({ title: 'Ferry service resumes after a week-long strike' })
      .expect(200);
    expect((await find(documentId, 'en', 'published'))?.title).toBe('Ferry service resumes after strike');
    await auth(api().post(`${base}/${documentId}/actions/publish?locale=en`))
      .send({})
      .expect(200);
    expect((await find(documentId, 'en', 'published'))?.title).toBe('Ferry service resumes after a week-long strike');

    await auth(api().post(`${base}/${documentId}/actions/unpublish?locale=en`))
      .send({})
      .expect(200);
    expect(await find(documentId, 'en', 'published')).toBeNull();
    expect(await find(documentId, 'fr', 'published')).not.toBeNull();

    await auth(api().delete(`${base}/${documentId}?locale=en`)).expect(200);
    expect(await find(documentId, 'en', 'draft')).toBeNull();
    expect(await find(documentId, 'fr', 'published')).not.toBeNull();
    await auth(api().delete(`${base}/${documentId}?locale=fr`)).expect(200);
    expect(await strapi.db.query(ARTICLE).count({ where: { documentId } })).toBe(0);
  });

  it('refuses the content manager without a login', async () => {
    await api().get(`${base}?locale=en`).expect(401);
  });
});
