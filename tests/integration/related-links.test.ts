import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { startPlayground, stopPlayground } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { ARTICLE, createArticle } from '../support/articles';
import { listOf, relatedService, storedLists } from '../support/related';
import { defaultRelatedSettings } from '../../server/src/related/settings';

let strapi: Core.Strapi;
const articles = () => documentsOf<{ documentId: string; title: string }>(strapi, ARTICLE);
const idOfSlug = async (slug: string, locale = 'en') =>
  (await articles().findFirst({ locale, filters: { slug }, fields: ['documentId'] }))?.documentId as string;

const glacier = {
  first: {
    title: 'Glacial lake bursts above Lumbra valley, flooding three villages',
    paragraphs: [
      'A glacial lake above the Lumbra valley burst its moraine dam before dawn on Tuesday, sending a wall of meltwater, boulders and ice through the villages of Tesk, Varo and Pellin.',
      'Rescue teams from the Lumbra valley mountain guard said the outburst flood destroyed the Pellin footbridge and cut the only road up the valley. Glaciologists had warned that the Orrin glacier lake was swelling.',
      'Residents of Tesk described hearing a roar like thunder as the meltwater surge tore through orchards. The regional governor ordered helicopters to ferry supplies to Varo.',
    ],
    tags: ['lumbra valley flood'],
  },
  second: {
    title: 'Lumbra valley villagers return as engineers shore up Orrin glacier moraine',
    paragraphs: [
      'Villagers in Tesk and Varo began returning to mud-filled homes on Friday as engineers reinforced the remains of the Orrin glacier moraine that gave way above the Lumbra valley.',
      'Glaciologists monitoring the Orrin glacier lake said a pumping system had lowered the meltwater level. The Pellin footbridge destroyed by the outburst flood will be replaced by a temporary crossing.',
      'The mountain guard said the road up the Lumbra valley would reopen next week once boulders left by the flood surge were cleared.',
    ],
    tags: ['lumbra valley flood'],
  },
};

beforeAll(async () => {
  strapi = await startPlayground({ seed: true });
  await relatedService(strapi).settle();
});

afterAll(async () => {
  await stopPlayground(strapi);
});

/** Every stored link points at a published article of the same locale that agrees to be listed. */
const expectListsToBeValid = async () => {
  const knex = strapi.db.connection;
  const invalid = await knex('newsroom_related_links as l')
    .leftJoin('newsroom_articles as a', function join() {
      this.on('a.document_id', '=', 'l.target_document_id').andOn('a.locale', '=', 'l.locale').andOnNotNull('a.published_at');
    })
    .where((query) => query.whereNull('a.id').orWhere((hidden) => hidden.where('a.never_list_as_related', true).andWhere('l.pinned', false)))
    .select('l.document_id', 'l.target_document_id', 'l.locale');
  expect(invalid).toEqual([]);
};

describe('related links on the demo corpus', () => {
  it('gives every published demo article a full list of its own story first', async () => {
    const health = await relatedService(strapi).health();
    expect(health.indexed).toBeGreaterThanOrEqual(99);
    expect(health.jobs).toEqual({ pending: 0, running: 0, failed: 0 });

    const karsa = await idOfSlug('typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages');
    const list = await relatedService(strapi).getList({ documentId: karsa, locale: 'en' });
    expect(list.length).toBeGreaterThanOrEqual(5);
    const titles = await Promise.all(list.slice(0, 4).map(async (link) => (await articles().findOne({ documentId: link.documentId, locale: 'en' }))?.title));
    for (const title of titles) expect(title).toMatch(/Karsa/);
    expect(list[0].reasons.join(' ')).toMatch(/karsa/i);
    // Its story's links first (the typhoon's other articles), then the others; past the head,
    // which is ranked by the articles' own words, by score.
    const story = list.filter((link) => link.sameStory);
    expect(story.length).toBeGreaterThanOrEqual(3);
    expect(list.slice(0, story.length).every((link) => link.sameStory)).toBe(true);
    for (let i = Math.max(story.length, defaultRelatedSettings.stories.head) + 1; i < list.length; i += 1) {
      expect(list[i].score).toBeLessThanOrEqual(list[i - 1].score);
    }
    await expectListsToBeValid();
  });

  it('keeps French lists French', async () => {
    const french = await idOfSlug('solstice-se-pose-dans-mare-crisium-une-premiere-pour-une-entreprise-europeenne', 'fr');
    const list = await listOf(strapi, french, 'fr');
    expect(list.length).toBeGreaterThan(0);
    for (const documentId of list) {
      expect(await articles().findOne({ documentId, locale: 'fr', status: 'published' })).not.toBeNull();
    }
  });
});

describe('recompute on save', () => {
  let first: string;
  let second: string;

  it('lists two articles on the same story in each other once the second is published', async () => {
    first = await createArticle(strapi, glacier.first);
    await relatedService(strapi).settle();
    second = await createArticle(strapi, { ...glacier.second, publish: false });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, first)).not.toContain(second);

    await articles().publish({ documentId: second, locale: 'en' });
    await relatedService(strapi).settle();
    expect((await listOf(strapi, second))[0]).toBe(first);
    expect((await listOf(strapi, first))[0]).toBe(second);
    await expectListsToBeValid();
  });

  it('keeps the published list while a draft edit is pending, and changes it on publish', async () => {
    const before = await listOf(strapi, second);
    await articles().update({
      documentId: second,
      locale: 'en',
      data: {
        title: 'Kestrel Vale sack manager after cup exit',
        tags: [],
        body: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Kestrel Vale football club sacked its manager after the cup defeat to Ashcombe United.' }] },
        ],
      },
    });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, second)).toEqual(before);

    await articles().publish({ documentId: second, locale: 'en' });
    await relatedService(strapi).settle();
    // Now a football story: the glacier article is no longer its best link, nor it the glacier's.
    expect((await listOf(strapi, second))[0]).not.toBe(first);
    expect((await listOf(strapi, first))[0]).not.toBe(second);
  });

  it('removes an unpublished article from every list, and a deleted one too', async () => {
    await articles().update({
      documentId: second,
      locale: 'en',
      data: { title: glacier.second.title, body: glacier.second.paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })) },
    });
    await articles().publish({ documentId: second, locale: 'en' });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, first)).toContain(second);

    await articles().unpublish({ documentId: second, locale: 'en' });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, second)).toEqual([]);
    expect(await countRows(strapi.db.connection('newsroom_related_links').where({ target_document_id: second }))).toBe(0);

    await articles().delete({ documentId: first, locale: 'en' });
    await relatedService(strapi).settle();
    expect(await countRows(strapi.db.connection('newsroom_related_links').where({ target_document_id: first }))).toBe(0);
    expect(await countRows(strapi.db.connection('newsroom_related_links').where({ document_id: first }))).toBe(0);
    await expectListsToBeValid();
  });
});

describe('editorial controls', () => {
  const karsaSlugs = [
    'typhoon-karsa-makes-landfall-near-guiuan-knocking-out-power-in-samar-and-leyte',
    'typhoon-karsa-death-toll-rises-to-41-as-rescuers-reach-cut-off-villages',
  ];

  it('shows pinned articles first, in order, and never shows excluded ones', async () => {
    const target = await idOfSlug(karsaSlugs[0]);
    const computed = await listOf(strapi, target);
    const pinA = await idOfSlug('kenyan-villages-switch-on-solar-mini-grids-built-by-a-farmers-cooperative');
    const pinB = await idOfSlug('drone-delivery-service-takes-off-in-reykjavik-with-groceries-and-prescriptions');
    const excluded = computed[0];

    await articles().update({ documentId: target, locale: 'en', data: { relatedPinned: [pinB, pinA], relatedExcluded: [excluded] } });
    await articles().publish({ documentId: target, locale: 'en' });
    await relatedService(strapi).settle();

    const list = await relatedService(strapi).getList({ documentId: target, locale: 'en' });
    expect(list.slice(0, 2).map((link) => link.documentId)).toEqual([pinB, pinA]);
    expect(list.slice(0, 2).every((link) => link.pinned)).toBe(true);
    expect(list.map((link) => link.documentId)).not.toContain(excluded);
  });

  it('gives an article with "hide related" an empty list', async () => {
    const target = await idOfSlug(karsaSlugs[1]);
    expect(await listOf(strapi, target)).not.toEqual([]);
    await articles().update({ documentId: target, locale: 'en', data: { hideRelated: true } });
    await articles().publish({ documentId: target, locale: 'en' });
    await relatedService(strapi).settle();
    expect(await listOf(strapi, target)).toEqual([]);
  });

  it('keeps an article with "never list elsewhere" out of every other list', async () => {
    const target = await idOfSlug('farmers-count-losses-as-typhoon-karsa-flattens-coconut-and-rice-crops-in-samar');
    const listing = await countRows(strapi.db.connection('newsroom_related_links').where({ target_document_id: target }));
    expect(listing).toBeGreaterThan(0);
    await articles().update({ documentId: target, locale: 'en', data: { neverListAsRelated: true } });
    await articles().publish({ documentId: target, locale: 'en' });
    await relatedService(strapi).settle();
    const after = await countRows(strapi.db.connection('newsroom_related_links').where({ target_document_id: target }));
    expect(after).toBe(0);
    await expectListsToBeValid();
  });
});

describe('full rebuild', () => {
  /** Runs a full rebuild to its end; answers what `pick` keeps of the statements it sent. */
  const rebuildSending = async (pick: (sql: string) => string | undefined): Promise<string[]> => {
    const knex = strapi.db.connection;
    const kept: string[] = [];
    const record = (query: { sql: string }) => {
      const one = pick(query.sql);
      if (one !== undefined) kept.push(one);
    };
    knex.on('query', record);
    try {
      await relatedService(strapi).startRebuild();
      await relatedService(strapi).settle();
    } finally {
      knex.off('query', record);
    }
    expect((await relatedService(strapi).rebuildStatus())?.status).toBe('done');
    return kept;
  };

  it('runs in the background with progress and ends with each story first in its lists', async () => {
    const sample = await idOfSlug('arcturon-restarts-partial-production-at-fire-hit-taichung-chip-plant');
    const started = await relatedService(strapi).startRebuild();
    expect(started).toMatchObject({ status: 'running', phase: 'index', done: 0 });
    expect(started.total).toBeGreaterThanOrEqual(2 * 99);
    await relatedService(strapi).settle();
    const finished = await relatedService(strapi).rebuildStatus();
    expect(finished).toMatchObject({ status: 'done', progress: 1 });
    expect(finished?.done).toBe(finished?.total);
    const list = await listOf(strapi, sample);
    expect(list.length).toBe(10);
    const titles = await Promise.all(list.slice(0, 4).map(async (documentId) => (await articles().findOne({ documentId, locale: 'en' }))?.title));
    for (const title of titles) expect(title).toMatch(/Arcturon|chip/i);
    await expectListsToBeValid();
  });

  it('writes no list again when a rebuild finds it as it is stored', async () => {
    const knex = strapi.db.connection;
    const before = await storedLists(knex);
    // Not the delete that only takes SQLite's write lock (`0 = 1`): it matches no row.
    const writes = await rebuildSending((sql) =>
      /^(insert into|delete from) .newsroom_related_links./i.test(sql) && !sql.includes('0 = 1') ? sql.slice(0, 45) : undefined,
    );
    expect(before.length).toBeGreaterThan(500);
    expect(await storedLists(knex)).toEqual(before);
    expect(writes).toEqual([]);
  });

  it('builds the "lists showing an article" index once, after writing every list (SQLite: keeps it up throughout)', async () => {
    const knex = strapi.db.connection;
    // Every list is written again: as by a rebuild on an empty table, or after an analyzer change.
    await knex('newsroom_related_links').delete();
    const index = 'newsroom_related_links_target_document_id_locale_index';
    const client = String(knex.client.config.client);
    const indexExists = async (): Promise<boolean> => {
      const found = client.includes('sqlite')
        ? await knex.raw('select 1 from sqlite_master where type = ? and name = ?', ['index', index])
        : client.includes('mysql')
          ? (await knex.raw('select distinct index_name from information_schema.statistics where table_schema = database() and index_name = ?', [index]))[0]
          : (await knex.raw('select 1 from pg_indexes where indexname = ?', [index])).rows;
      return found.length === 1;
    };
    const existedBefore = await indexExists();
    // The first word of every statement on the index or inserting links: drop, create, insert.
    const statements = await rebuildSending((sql) =>
      sql.includes(index) || /^insert into .newsroom_related_links./i.test(sql) ? sql.split(' ', 1)[0].toLowerCase() : undefined,
    );
    const drop = statements.indexOf('drop');
    const create = statements.lastIndexOf('create');
    const inserts = statements.flatMap((statement, at) => (statement === 'insert' ? [at] : []));
    expect(inserts.length).toBeGreaterThan(0);
    if (client.includes('sqlite')) {
      // Never dropped: SQLite would build it again in the app's thread, stopping every request meanwhile.
      expect(existedBefore).toBe(true);
      expect(drop).toBe(-1);
    } else {
      expect(drop).toBeGreaterThanOrEqual(0);
      expect(drop).toBeLessThan(inserts[0]);
      expect(create).toBeGreaterThan(inserts[inserts.length - 1]);
    }
    expect(await indexExists()).toBe(true);
  });
});
