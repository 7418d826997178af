import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { adminLogin, DEMO_ADMIN } from '../support/admin';
import { ARTICLE, createArticle } from '../support/articles';
import type { Card } from '../support/content-api';
import { relatedService } from '../support/related';

/**
 * Stories on the demo's running stories (a port strike, a typhoon, a lunar lander...): the story
 * endpoint, the page's story and same-story links, a list that ends where relevance ends and the
 * site's labelled fill, and an editor taking an article out of a story.
 */
const API = '/api/newsroom';

interface StoryAnswer {
  storyId: string;
  size: number;
  articles: Card[];
}

type RelatedCard = Card & { sameStory: boolean; reasons: string[]; fallback?: string };

let strapi: Core.Strapi;
let base: string;
const articles = () => documentsOf<{ documentId: string; slug: string; title: string }>(strapi, ARTICLE);

const get = async <T>(path: string, status = 200): Promise<T> => {
  const response = await request(base).get(`${API}${path}`);
  if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data as T;
};

const chronological = (cards: Card[]): boolean => cards.every((card, i) => i === 0 || (cards[i - 1].publicationDate ?? '') <= (card.publicationDate ?? ''));

beforeAll(async () => {
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await relatedService(strapi).settle();
});

afterAll(async () => {
  await stopPlayground(strapi);
});

describe('a story', () => {
  it("lists the port strike's articles in order, the same for each of them", async () => {
    const story = await get<StoryAnswer>('/articles/dockworkers-walk-out-at-rotterdams-maasgate-terminals-over-automation-plan/story');
    expect(story.size).toBeGreaterThanOrEqual(4);
    expect(story.articles).toHaveLength(story.size);
    expect(chronological(story.articles)).toBe(true);
    expect(story.articles.every((card) => /Maasgate|dock|port|strike|Havenbond/i.test(card.title))).toBe(true);
    // Named after its first article, and the same story seen from its last.
    expect(story.storyId).toBe(story.articles[0].documentId);
    const fromLast = await get<StoryAnswer>(`/articles/${story.articles[story.size - 1].slug}/story`);
    expect(fromLast).toEqual(story);
  });

  it('keeps locales apart: the French lander story is French', async () => {
    const story = await get<StoryAnswer>('/articles/solstice-se-pose-dans-mare-crisium-une-premiere-pour-une-entreprise-europeenne/story?locale=fr');
    expect(story.size).toBeGreaterThanOrEqual(3);
    for (const card of story.articles) expect(await articles().findOne({ documentId: card.documentId, locale: 'fr', status: 'published' })).not.toBeNull();
    await get('/articles/solstice-se-pose-dans-mare-crisium-une-premiere-pour-une-entreprise-europeenne/story', 404);
    const page = await get<{ related: RelatedCard[]; story: StoryAnswer }>(
      '/articles/solstice-se-pose-dans-mare-crisium-une-premiere-pour-une-entreprise-europeenne/page?locale=fr',
    );
    expect(page.story).toEqual(story);
    const same = page.related.filter((card) => card.sameStory);
    expect(same.length).toBe(story.size - 1);
    expect(page.related.slice(0, same.length).every((card) => card.sameStory)).toBe(true);
  });

  it("puts the story first in the page's related list, and carries the story on the page", async () => {
    const page = await get<{ related: RelatedCard[]; story: StoryAnswer }>(
      '/articles/typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages/page',
    );
    const same = page.related.filter((card) => card.sameStory);
    expect(same.length).toBeGreaterThanOrEqual(3);
    expect(page.related.slice(0, same.length).every((card) => card.sameStory)).toBe(true);
    for (const card of same) expect(card.title).toMatch(/Karsa/);
    expect(page.story.size).toBe(same.length + 1);
    expect(new Set(page.story.articles.map((card) => card.documentId))).toEqual(
      new Set([
        ...same.map((card) => card.documentId),
        page.story.articles.find((card) => card.slug === 'typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages')?.documentId,
      ]),
    );
  });

  it('answers a 404 for an unknown article and a 400 for a bad parameter', async () => {
    await get('/articles/no-such-article/story', 404);
    await get('/articles/typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages/page?fill=everything', 400);
    await get('/articles/typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages/story?fill=section', 400);
  });
});

describe('a list that ends where relevance ends', () => {
  it('is short for an article unlike any other, and filled, labelled, from its section when the site asks', async () => {
    const culture = await documentsOf<{ documentId: string }>(strapi, 'plugin::newsroom.section').findFirst({ locale: 'en', filters: { slug: 'culture' } });
    const lone = await createArticle(strapi, {
      title: 'Vantmoor glassblowers revive a cobalt glaze',
      paragraphs: ['In Vantmoor, glassblowers rebuilt a wood-fired kiln to revive a cobalt glaze.'],
      extra: { section: culture?.documentId },
    });
    await relatedService(strapi).settle();
    const slug = (await articles().findOne({ documentId: lone, locale: 'en' }))?.slug as string;
    const plain = await get<{ related: RelatedCard[] }>(`/articles/${slug}/page`);
    expect(plain.related.length).toBeLessThan(10);
    expect(plain.related.every((card) => card.fallback === undefined)).toBe(true);

    const filled = await get<{ related: RelatedCard[] }>(`/articles/${slug}/page?fill=section`);
    expect(filled.related.length).toBeGreaterThan(plain.related.length);
    expect(filled.related.slice(0, plain.related.length)).toEqual(plain.related);
    const fallback = filled.related.slice(plain.related.length);
    for (const card of fallback) expect(card).toMatchObject({ fallback: 'latest-in-section', sameStory: false, reasons: [], section: { slug: 'culture' } });
    expect(fallback.map((card) => card.documentId)).not.toContain(lone);
  });
});

describe('an editor taking an article out of a story', () => {
  it('shows it as an ordinary link, and leaves it out of the story seen from that article', async () => {
    const karsa = await articles().findFirst({
      locale: 'en',
      filters: { slug: 'typhoon-karsa-makes-landfall-near-guiuan-knocking-out-power-in-samar-and-leyte' },
    });
    const documentId = karsa?.documentId as string;
    const before = await relatedService(strapi).getList({ documentId, locale: 'en' });
    const out = before.filter((link) => link.sameStory)[0].documentId;

    const token = await adminLogin(strapi, DEMO_ADMIN);
    const panel = await request(strapi.server.httpServer)
      .put(`/newsroom/related/${documentId}/rules`)
      .set('Authorization', `Bearer ${token}`)
      .send({ locale: 'en', pinned: [], excluded: [], notInStory: [out] })
      .expect(200);
    expect(panel.body.data.notInStory.map((ref: { documentId: string }) => ref.documentId)).toEqual([out]);

    const after = await relatedService(strapi).getList({ documentId, locale: 'en' });
    expect(after.find((link) => link.documentId === out)?.sameStory ?? false).toBe(false);
    const story = await get<StoryAnswer>(`/articles/${karsa?.slug}/story`);
    expect(story.articles.map((card) => card.documentId)).not.toContain(out);

    // A bad id in the rule is refused, and changes nothing.
    await request(strapi.server.httpServer)
      .put(`/newsroom/related/${documentId}/rules`)
      .set('Authorization', `Bearer ${token}`)
      .send({ locale: 'en', pinned: [], excluded: [], notInStory: ['not an id'] })
      .expect(400);
    expect((await get<StoryAnswer>(`/articles/${karsa?.slug}/story`)).articles.map((card) => card.documentId)).not.toContain(out);
  });
});
