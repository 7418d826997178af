import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { adminLogin, DEMO_ADMIN } from '../support/admin';
import { ARTICLE, createArticle, paragraphs } from '../support/articles';
import type { Card, PageAnswer } from '../support/content-api';
import { countersService, rankingsService, readerAgent } from '../support/counters';
import { eventually } from '../support/eventually';
import { listOf, relatedService } from '../support/related';

/**
 * Every way a newsroom changes content besides saving an article: taxonomy edits in the content
 * manager, Query Engine writes, a release's publish, a deleted locale. Runs on SQLite (`npm test`)
 * and PostgreSQL (`npm run test:postgres`).
 */
const API = '/api/newsroom';
const TAG = 'plugin::newsroom.tag';
const SECTION = 'plugin::newsroom.section';

let strapi: Core.Strapi;
let base: string;
const knex = () => strapi.db.connection;
const articles = () => documentsOf<{ documentId: string; title: string; slug: string }>(strapi, ARTICLE);
const tags = () => documentsOf<{ documentId: string; name: string }>(strapi, TAG);
const sections = () => documentsOf<{ documentId: string; name: string; slug: string }>(strapi, SECTION);
const settle = () => relatedService(strapi).settle();

const page = async (slug: string, locale = 'en'): Promise<PageAnswer> => {
  const response = await request(base).get(`${API}/articles/${slug}/page?locale=${locale}`);
  if (response.status !== 200) throw new Error(`${slug}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data as PageAnswer;
};

/** Every reason of every stored list, lower-cased. */
const allReasons = async (): Promise<string[]> =>
  (await knex()('newsroom_related_links').pluck('reasons')).flatMap((reasons: string) =>
    (JSON.parse(reasons) as string[]).map((reason) => reason.toLowerCase()),
  );

/** The published articles (slug, documentId) that carry a tag. */
const taggedWith = async (tag: string): Promise<Array<{ documentId: string; slug: string }>> =>
  (await articles().findMany({ locale: 'en', status: 'published', filters: { tags: { name: tag } }, fields: ['documentId', 'slug'] })) as Array<{
    documentId: string;
    slug: string;
  }>;

beforeAll(async () => {
  // No scheduled ranking tick during the test: a section rename must reach rankings by itself.
  process.env.NEWSROOM_CONFIG = JSON.stringify({
    rankings: { schedule: { enabled: true, intervalSeconds: 3600 } },
    contentApi: { pageRankings: ['editors-picks'], cache: { enabled: true, ttlSeconds: 300, maxEntries: 1000, pollMs: 200 } },
  });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await settle();
  expect(await rankingsService(strapi).recomputeNow()).toBe(true);
});

afterAll(async () => {
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('taxonomy edits', () => {
  it("gives the lists of a renamed tag's articles its new name as a reason, in the content manager", async () => {
    const tagged = await taggedWith('marovia election');
    expect(tagged.length).toBeGreaterThanOrEqual(5);
    const tag = await tags().findFirst({ filters: { name: 'marovia election' } });
    expect((await allReasons()).join('|')).not.toContain('zelqar');
    const before = await page(tagged[0].slug);
    expect(before.related.flatMap((card) => card.reasons ?? [])).toContain('marovia election');

    const token = await adminLogin(strapi, DEMO_ADMIN);
    await request(strapi.server.httpServer)
      .put(`/content-manager/collection-types/${TAG}/${tag?.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Zelqar ballot', slug: 'zelqar-ballot' })
      .expect(200);
    await settle();

    for (const { slug } of tagged) {
      const reasons = (await page(slug)).related.flatMap((card) => card.reasons ?? []);
      expect(reasons).toContain('Zelqar ballot');
      expect(reasons).not.toContain('marovia election');
    }
    expect((await allReasons()).filter((reason) => reason === 'marovia election')).toEqual([]);
  });

  it('shows a renamed section in breadcrumbs, cards and rankings at once, and a moved one in breadcrumbs', async () => {
    const picks = await request(base).get(`${API}/rankings/editors-picks`).expect(200);
    const entry = (picks.body.data.entries as Card[]).find((candidate) => candidate.section !== null) as Card;
    const section = entry.section as NonNullable<Card['section']>;
    const renamed = `${section.name} and Beyond`;
    await sections().update({ documentId: section.documentId, locale: 'en', data: { name: renamed } });
    await settle();

    const answer = await page(entry.slug);
    expect(answer.article.section?.name).toBe(renamed);
    expect(answer.breadcrumb.map((crumb) => crumb.name)).toContain(renamed);
    // Without waiting for the next tick (an hour away).
    await eventually(async () => {
      const ranking = await request(base).get(`${API}/rankings/editors-picks`).expect(200);
      return (ranking.body.data.entries as Card[]).some((candidate) => candidate.section?.name === renamed);
    }, 10_000);

    // Asia moves from World to Business: an Asian story's breadcrumb follows.
    const asia = await sections().findFirst({ locale: 'en', filters: { slug: 'asia' } });
    const business = await sections().findFirst({ locale: 'en', filters: { slug: 'business' } });
    const asian = await articles().findFirst({ locale: 'en', status: 'published', filters: { section: { slug: 'asia' } }, fields: ['slug'] });
    expect((await page(String(asian?.slug))).breadcrumb.map((crumb) => crumb.slug)).toEqual(['news', 'world', 'asia']);
    await sections().update({ documentId: String(asia?.documentId), locale: 'en', data: { parent: business?.documentId } });
    expect((await page(String(asian?.slug))).breadcrumb.map((crumb) => crumb.slug)).toEqual(['business', 'asia']);
  });
});

describe('writes through the Query Engine', () => {
  const quintrel = 'Quintrel aquifer collapse forces evacuation of Vossberg';
  const dek = 'Engineers say the Quintrel aquifer beneath Vossberg gave way after weeks of pumping; Vossberg residents were moved to shelters.';

  it('reflects updateMany, create and deleteMany on published articles in their lists', async () => {
    const pick = async (section: string) =>
      (await articles().findFirst({ locale: 'en', status: 'published', filters: { section: { slug: section } }, fields: ['documentId', 'slug'] })) as {
        documentId: string;
        slug: string;
      };
    const [first, second] = [await pick('culture'), await pick('sport')];
    expect(await listOf(strapi, first.documentId)).not.toContain(second.documentId);

    // A bulk fix in user code: two unrelated published articles now tell the same story.
    const result = await strapi.db.query(ARTICLE).updateMany({
      where: { documentId: { $in: [first.documentId, second.documentId] }, publishedAt: { $notNull: true } },
      data: { title: quintrel, dek, body: paragraphs(dek, `${dek} Pumping stopped on Monday.`) },
    });
    expect(result.count).toBe(2);
    await settle();
    // Each lists the other, for the story they now share (their tags and sections still differ).
    for (const [one, other] of [
      [first, second],
      [second, first],
    ]) {
      const link = (await relatedService(strapi).getList({ documentId: one.documentId, locale: 'en' })).find(
        (candidate) => candidate.documentId === other.documentId,
      );
      expect(link?.reasons.join(' ')).toMatch(/quintrel|aquifer|vossberg/);
    }

    // A row inserted by a migration, published: it enters the story's lists.
    const inserted = (await strapi.db.query(ARTICLE).create({
      data: {
        documentId: 'quintrelmigrationrow000001',
        locale: 'en',
        title: `${quintrel}: shelters fill`,
        dek,
        slug: 'quintrel-shelters-fill',
        body: paragraphs(dek),
        publishedAt: new Date(),
        publicationDate: new Date(),
      },
    })) as { documentId: string };
    await settle();
    expect((await listOf(strapi, first.documentId)).slice(0, 2)).toContain(inserted.documentId);

    // And a bulk delete takes the two out of every list.
    await strapi.db.query(ARTICLE).deleteMany({ where: { documentId: { $in: [second.documentId, inserted.documentId] } } });
    await settle();
    expect(await countRows(knex()('newsroom_related_links').whereIn('target_document_id', [second.documentId, inserted.documentId]))).toBe(0);
    expect(await listOf(strapi, second.documentId)).toEqual([]);
  });
});

describe('a tag of a running story', () => {
  // Two articles whose only tag is a made-up name that no text contains: it is their strongest
  // shared term, so it shows as a reason, and any later trace of it is stale.
  const story = [
    [
      'Ferry crews stop work at Holmport over rosters',
      'Ferry crews at Holmport stopped work over new rosters; Holmport passengers queued at the terminal as sailings to the islands were cancelled.',
    ],
    [
      'Holmport ferries stay in port for a second day',
      'Holmport ferries stayed in port for a second day as crews and the operator met over rosters; island sailings remain cancelled.',
    ],
  ];
  let pair: string[] = [];
  const reasonsOfPair = async () =>
    (await Promise.all(pair.map((documentId) => relatedService(strapi).getList({ documentId, locale: 'en' })))).flat().flatMap((link) => link.reasons);

  beforeAll(async () => {
    pair = [];
    for (const [title, text] of story) pair.push(await createArticle(strapi, { title, paragraphs: [text], tags: ['Vendrix walkout'] }));
    await settle();
  });

  it('follows a rename made through the Query Engine', async () => {
    expect(await reasonsOfPair()).toContain('Vendrix walkout');
    await strapi.db.query(TAG).update({ where: { name: 'Vendrix walkout' }, data: { name: 'Quellor stoppage' } });
    await settle();
    const reasons = await reasonsOfPair();
    expect(reasons).toContain('Quellor stoppage');
    expect((await allReasons()).filter((reason) => reason.includes('vendrix'))).toEqual([]);
  });

  it('leaves no trace of a merged tag: its articles get the other tag, then it is deleted', async () => {
    const kept = await tags().create({ data: { name: 'ferry strikes' } });
    for (const documentId of pair) {
      const current = (await articles().findOne({ documentId, locale: 'en', populate: ['tags'] })) as unknown as { tags: Array<{ documentId: string }> };
      await articles().update({ documentId, locale: 'en', data: { tags: [...current.tags.map((tag) => tag.documentId), kept.documentId] } });
      await articles().publish({ documentId, locale: 'en' });
    }
    await settle();
    expect(await reasonsOfPair()).toContain('Quellor stoppage');

    // Deleting the merged tag takes it off both articles: neither is saved again.
    const merged = await tags().findFirst({ filters: { name: 'Quellor stoppage' } });
    await tags().delete({ documentId: String(merged?.documentId) });
    await settle();
    expect((await allReasons()).filter((reason) => reason.includes('quellor'))).toEqual([]);
    expect(await reasonsOfPair()).toContain('ferry strikes');
    for (const documentId of pair) {
      const slug = (await articles().findOne({ documentId, locale: 'en' }))?.slug;
      expect(JSON.stringify((await page(String(slug))).related)).not.toMatch(/quellor/i);
    }
  });
});

describe('a release', () => {
  it('refreshes each list once, after the release commits', async () => {
    const stories = [
      [
        'Brindle viaduct cracks close the Orlan rail line',
        'Inspectors closed the Brindle viaduct on the Orlan rail line after finding cracks in two piers; Orlan commuters face buses for weeks.',
      ],
      [
        'Saltmarsh fire near Kettering Bay burns for a third day',
        'Firefighters at Kettering Bay fought the saltmarsh fire for a third day as smoke drifted over the Kettering Bay marina.',
      ],
      [
        'Cobalt refinery at Osk Harbour halts output after leak',
        'The cobalt refinery at Osk Harbour halted output after an acid leak; Osk Harbour officials tested the water of the bay.',
      ],
    ];
    const firsts: string[] = [];
    const drafts: string[] = [];
    for (const [title, text] of stories) {
      firsts.push(await createArticle(strapi, { title, paragraphs: [text, `${text} An update followed.`] }));
      drafts.push(await createArticle(strapi, { title: `${title}: what we know`, paragraphs: [`${text} Officials gave more details.`, text], publish: false }));
    }
    await settle();
    const recomputed: Array<{ documentId: string; startedAt: number }> = [];
    const listener = strapi.eventHub.on('newsroom.related.recomputed', async (event: { documentId: string; startedAt: number }) => {
      recomputed.push(event);
    });
    try {
      // What Content Releases 5.54 does on publish (services/release.js): every action's
      // Document Service publish inside one database transaction.
      let committedAt = 0;
      await strapi.db.transaction(async ({ onCommit }) => {
        for (const documentId of drafts) await articles().publish({ documentId, locale: 'en' });
        // Nothing may run before the release commits.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(recomputed).toEqual([]);
        onCommit(() => {
          committedAt = Date.now();
        });
      });
      await settle();
      for (const [index, documentId] of drafts.entries()) {
        expect(recomputed.filter((event) => event.documentId === documentId)).toHaveLength(1);
        expect((await listOf(strapi, firsts[index]))[0]).toBe(documentId);
      }
      for (const event of recomputed) expect(event.startedAt).toBeGreaterThanOrEqual(committedAt);
    } finally {
      listener();
    }
  });
});

describe('a deleted locale', () => {
  it("leaves none of its rows in the plugin's tables, and no cached answer", async () => {
    const locales = strapi.plugin('i18n').service('locales');
    const german = await locales.create({ code: 'de', name: 'German (de)' });
    const first = await createArticle(strapi, {
      locale: 'de',
      title: 'Hochwasser am Lumbra-Tal',
      paragraphs: ['Das Hochwasser im Lumbra-Tal zerstörte drei Brücken; die Bewohner von Tesk wurden evakuiert.'],
    });
    await createArticle(strapi, {
      locale: 'de',
      title: 'Lumbra-Tal: Aufräumen nach dem Hochwasser',
      paragraphs: ['Nach dem Hochwasser im Lumbra-Tal räumen die Bewohner von Tesk auf; die Brücken werden ersetzt.'],
    });
    await settle();
    await countersService(strapi).settle();
    await request(base).post(`${API}/articles/${first}/views?locale=de`).set('User-Agent', readerAgent('de-reader')).expect(202);
    await countersService(strapi).flush();
    const tables = ['newsroom_related_profiles', 'newsroom_related_vectors', 'newsroom_related_links', 'newsroom_counter_buckets', 'newsroom_counter_totals'];
    for (const table of tables) expect(await countRows(knex()(table).where({ locale: 'de' }))).toBeGreaterThan(0);
    const slug = (await articles().findOne({ documentId: first, locale: 'de' }))?.slug;
    await request(base).get(`${API}/articles/${slug}?locale=de`).expect(200);

    await locales.delete({ id: german.id });
    await eventually(async () => {
      for (const table of [...tables, 'newsroom_related_jobs', 'newsroom_counter_reactions', 'newsroom_ranking_lists', 'newsroom_ranking_entries']) {
        if ((await countRows(knex()(table).where({ locale: 'de' }))) > 0) return false;
      }
      return true;
    }, 15_000);
    expect((await relatedService(strapi).health()).jobs).toMatchObject({ pending: 0, failed: 0 });
    // The cached answer went with it (the locale itself is now refused).
    expect((await request(base).get(`${API}/articles/${slug}?locale=de`)).status).not.toBe(200);
  });
});
