import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { countRows, testDatabaseClient } from '../../support/test-database';
import { ARTICLE, createArticle } from '../support/articles';
import { sqlitePlan, statementsDuring } from '../support/query-plans';
import { clockService, countersService, readerAgent, storedTotal } from '../support/counters';
import { createWriteAudit } from '../../support/write-audit';
import { writeBatch } from '../../server/src/counters/counter-store';
import { hourOf } from '../../server/src/counters/hours';
import { createPublishedSource } from '../../server/src/counters/published-source';

let strapi: Core.Strapi;
let base: string;
const http = () => request(base);
const views = (documentId: string, query = '') => `/api/newsroom/articles/${documentId}/views${query}`;
const reactions = (documentId: string, query = '') => `/api/newsroom/articles/${documentId}/reactions${query}`;
const configure = (settings: Record<string, unknown>): void => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } }, ...settings });
};

const boot = async (databaseFile?: string): Promise<void> => {
  strapi = await startPlayground({ databaseFile });
  base = await listen(strapi);
};

const newArticle = async (title: string, extra: { locale?: string; publish?: boolean } = {}): Promise<string> =>
  createArticle(strapi, { title, paragraphs: [`${title}: a short story for the counters.`], ...extra });

const flushed = async (): Promise<void> => {
  await countersService(strapi).flush();
};

describe('view and reaction counting', () => {
  beforeAll(async () => {
    configure({});
    await boot();
  });

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
  });

  it('adds up 2,000 concurrent beacons over 20 articles exactly, in one write per article', async () => {
    const articles: string[] = [];
    for (let i = 0; i < 20; i += 1) articles.push(await newArticle(`Load article ${i}`));
    await countersService(strapi).settle();
    const audit = createWriteAudit();
    strapi.db.connection.on('query', audit.onQuery);

    const responses = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        http()
          .post(views(articles[i % 20]))
          .set('User-Agent', readerAgent(`load-${i}`)),
      ),
    );
    expect(responses.filter((response) => response.status === 202)).toHaveLength(2000);
    await flushed();
    strapi.db.connection.off('query', audit.onQuery);

    for (const documentId of articles) expect(await storedTotal(strapi, documentId, 'view')).toBe(100);
    const buckets = await strapi.db.connection('newsroom_counter_buckets').sum({ n: 'count' }).whereIn('document_id', articles).first();
    expect(Number(buckets?.n)).toBe(2000);
    // However many requests and flushes, each flush wrote each article's row in one statement per table.
    expect(audit.report().flushes).toBeGreaterThanOrEqual(1);
    expect(audit.report().maxWritesPerArticlePerFlush).toBe(1);
  });

  it('answers bots 202 and counts nothing for them', async () => {
    const documentId = await newArticle('Bots are not readers');
    await countersService(strapi).settle();
    for (const agent of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0)', 'curl/8.5.0', '']) {
      expect((await http().post(views(documentId)).set('User-Agent', agent)).status).toBe(202);
    }
    const reacted = await http().post(reactions(documentId)).set('User-Agent', 'Googlebot/2.1').send({ kind: 'veryGood' });
    expect(reacted.body.data.reactions).toEqual({ veryGood: 0 });
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(0);
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(0);
  });

  it('counts one visitor once within the dedupe window, and again after it', async () => {
    const documentId = await newArticle('Reload all you like');
    await countersService(strapi).settle();
    const start = Date.now();
    clockService(strapi).set(start);
    try {
      for (let i = 0; i < 5; i += 1) expect((await http().post(views(documentId)).set('User-Agent', readerAgent('same'))).status).toBe(202);
      await http().post(views(documentId)).set('User-Agent', readerAgent('other'));
      await flushed();
      expect(await storedTotal(strapi, documentId, 'view')).toBe(2);

      clockService(strapi).set(start + 1800 * 1000 + 1);
      await http().post(views(documentId)).set('User-Agent', readerAgent('same'));
      await flushed();
      expect(await storedTotal(strapi, documentId, 'view')).toBe(3);
    } finally {
      clockService(strapi).set(null);
    }
  });

  it('counts one reaction per visitor and kind, and answers the counts', async () => {
    const documentId = await newArticle('Readers loved this one');
    await countersService(strapi).settle();
    const first = await http().post(reactions(documentId)).set('User-Agent', readerAgent('fan-1')).send({ kind: 'veryGood' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ data: { documentId, locale: 'en', reactions: { veryGood: 1 } }, meta: {} });
    const again = await http().post(reactions(documentId)).set('User-Agent', readerAgent('fan-1')).send({ kind: 'veryGood' });
    expect(again.body.data.reactions).toEqual({ veryGood: 1 });
    await flushed();
    // Stored now: the same visitor's reaction after the flush is still a repeat.
    const later = await http().post(reactions(documentId)).set('User-Agent', readerAgent('fan-1')).send({ kind: 'veryGood' });
    expect(later.body.data.reactions).toEqual({ veryGood: 1 });
    const second = await http().post(reactions(documentId)).set('User-Agent', readerAgent('fan-2')).send({ kind: 'veryGood' });
    expect(second.body.data.reactions).toEqual({ veryGood: 2 });
    await flushed();
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(2);
    expect(await countRows(strapi.db.connection('newsroom_counter_reactions').where({ document_id: documentId }))).toBe(2);
  });

  it('answers a repeat reaction that comes during a flush as a repeat, counted once', async () => {
    const documentId = await newArticle('Reacted to while the counts are written');
    await countersService(strapi).settle();
    const fan = { documentId, locale: 'en', kind: 'veryGood', visitor: { ip: '198.51.100.7', userAgent: readerAgent('fan-during-flush') } };
    expect((await countersService(strapi).react(fan)).outcome).toBe('counted');
    // The flush drains the buffer at once and writes it over the next turns; the repeat comes meanwhile.
    const flushing = countersService(strapi).flush();
    const again = await countersService(strapi).react(fan);
    await flushing;
    expect(again).toMatchObject({ outcome: 'repeat', reactions: { veryGood: 1 } });
    await flushed();
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(1);
  });

  it('refuses client-sent counts and unknown fields with a 400, counting nothing', async () => {
    const documentId = await newArticle('Nobody chooses the increment');
    await countersService(strapi).settle();
    const attempts = [
      http().post(views(documentId)).set('User-Agent', readerAgent('cheat')).send({ count: 1000 }),
      http().post(views(documentId)).set('User-Agent', readerAgent('cheat')).send({ views: 5 }),
      http().post(reactions(documentId)).set('User-Agent', readerAgent('cheat')).send({ kind: 'veryGood', count: 50 }),
      http().post(reactions(documentId)).set('User-Agent', readerAgent('cheat')).send({ kind: 'veryGood', increment: 2 }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(response.body.error.message).toMatch(/is not allowed/);
    }
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(0);
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(0);
  });

  it('answers malformed ids, locales, queries and bodies with a 400 in the error envelope', async () => {
    const documentId = await newArticle('Validated at the door');
    await countersService(strapi).settle();
    const bad = [
      http().post(views('not$an-id')),
      http().post(views('x'.repeat(65))),
      http().post(views(documentId, '?locale=not a locale')),
      http().post(views(documentId, '?page=2')),
      http().post(views(documentId)).send([1, 2]),
      http().post(reactions(documentId)).send({}),
      http().post(reactions(documentId)).send({ kind: 'angry' }),
      http().post(reactions(documentId)).send({ kind: 42 }),
      http().post(reactions(documentId)).set('Content-Type', 'application/json').send('{"kind":'),
    ];
    for (const response of await Promise.all(bad)) {
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ data: null, error: { status: 400 } });
    }
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(0);
  });

  it('answers 404 for an unknown, a draft-only or an unpublished article, and counts nothing', async () => {
    const draft = await newArticle('Still a draft', { publish: false });
    const unpublished = await newArticle('Pulled from the site');
    await countersService(strapi).settle();
    expect((await http().post(views(unpublished)).set('User-Agent', readerAgent('before'))).status).toBe(202);
    await documentsOf(strapi, ARTICLE).unpublish({ documentId: unpublished, locale: 'en' });
    await countersService(strapi).settle();

    for (const documentId of ['abcdefghijklmnopqrstuvwx', draft, unpublished]) {
      const response = await http().post(views(documentId)).set('User-Agent', readerAgent('reader'));
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
      expect((await http().post(reactions(documentId)).set('User-Agent', readerAgent('reader')).send({ kind: 'veryGood' })).status).toBe(404);
    }
    await flushed();
    expect(await storedTotal(strapi, draft, 'view')).toBe(0);
    expect(await storedTotal(strapi, unpublished, 'view')).toBe(1);
  });

  it('counts each locale on its own, the default locale when none is given', async () => {
    const french = await newArticle('Un article en français', { locale: 'fr' });
    const english = await newArticle('An English article');
    await countersService(strapi).settle();
    expect((await http().post(views(french, '?locale=fr')).set('User-Agent', readerAgent('fr'))).status).toBe(202);
    expect((await http().post(views(french)).set('User-Agent', readerAgent('fr'))).status).toBe(404);
    expect((await http().post(views(english)).set('User-Agent', readerAgent('en'))).status).toBe(202);
    await flushed();
    expect(await storedTotal(strapi, french, 'view', '', 'fr')).toBe(1);
    expect(await storedTotal(strapi, english, 'view', '', 'en')).toBe(1);
  });

  it('reads every published article of every locale once, a page at a time, and no draft', async () => {
    const english = await newArticle('An article the beacons page through');
    for (const n of [1, 2]) await newArticle(`Another article the beacons page through, ${n}`);
    const french = await newArticle('Un article que les balises parcourent', { locale: 'fr' });
    const draft = await newArticle('A draft the beacons never see', { publish: false });
    const pages: string[][] = [];
    const statements = await statementsDuring(strapi.db.connection, async () => {
      for await (const page of createPublishedSource(strapi, 2).all()) pages.push(page.map(({ documentId, locale }) => `${documentId}/${locale}`));
    });
    const published: Array<{ document_id: string; locale: string }> = await strapi.db
      .connection('newsroom_articles')
      .select('document_id', 'locale')
      .whereNotNull('published_at');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    const read = pages.flat();
    expect([...read].sort()).toEqual(published.map((row) => `${row.document_id}/${row.locale}`).sort());
    expect(read).toEqual(expect.arrayContaining([`${english}/en`, `${french}/fr`]));
    expect(read).not.toContain(`${draft}/en`);
    // A page reads Strapi's index on (document_id, locale, published_at), not the articles' rows,
    // from the page's first key (not from the index's start).
    if (testDatabaseClient() === 'sqlite') {
      const page = statements.filter(({ sql }) => sql.startsWith('select `document_id` as `documentId`'))[1];
      expect(await sqlitePlan(strapi.db.connection, page)).toEqual([
        expect.stringMatching(/^SEARCH .* USING COVERING INDEX newsroom_articles_documents_idx \(document_id>\?\)/),
      ]);
    }
  });

  it('stores no address or user agent, neither with reactions nor with view keys', async () => {
    const stored = JSON.stringify([
      await strapi.db.connection('newsroom_counter_reactions').select(),
      await strapi.db.connection('newsroom_counter_seen_views').select(),
    ]);
    expect(stored).not.toMatch(/127\.0\.0\.1|Mozilla|reader-/);
  });
});

describe('a graceful restart', () => {
  const databaseFile = temporaryDatabase();

  afterAll(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
    await removeDatabase(databaseFile);
  });

  it('writes every buffered view and reaction before stopping', async () => {
    // No scheduled flush before the stop: only the shutdown flush can save these counts.
    configure({ counters: { flushIntervalMs: 60_000 } });
    await boot(databaseFile);
    const documentId = await newArticle('Counted across a restart');
    await countersService(strapi).settle();
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        http()
          .post(views(documentId))
          .set('User-Agent', readerAgent(`restart-${i}`)),
      ),
    );
    await http().post(reactions(documentId)).set('User-Agent', readerAgent('restart-fan')).send({ kind: 'veryGood' });
    expect(await storedTotal(strapi, documentId, 'view')).toBe(0);
    await stopPlayground(strapi);

    await boot(databaseFile);
    expect(await storedTotal(strapi, documentId, 'view')).toBe(300);
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(1);
  });
});

describe('view keys in the database', () => {
  const WINDOW_MS = 1800 * 1000;
  const databaseFile = temporaryDatabase();
  const seenRows = (documentId: string): Promise<number> => countRows(strapi.db.connection('newsroom_counter_seen_views').where({ document_id: documentId }));
  const sendViews = async (documentId: string, visitors: string[]): Promise<void> => {
    for (const response of await Promise.all(visitors.map((visitor) => http().post(views(documentId)).set('User-Agent', readerAgent(visitor))))) {
      expect(response.status).toBe(202);
    }
  };
  // A moment well inside a window of today, so that the visitor hashes use today's salt.
  const inWindow = (): number => Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 1000;

  beforeAll(() => {
    configure({ counters: { flushIntervalMs: 60_000, dedupeWindowSeconds: WINDOW_MS / 1000 } });
  });

  afterEach(async () => {
    await stopPlayground(strapi);
  });

  afterAll(async () => {
    delete process.env.NEWSROOM_CONFIG;
    await removeDatabase(databaseFile);
  });

  it('counts a repeat once after a restart, within the same window', async () => {
    const start = inWindow();
    await boot(databaseFile);
    clockService(strapi).set(start);
    const documentId = await newArticle('Read before and after a restart');
    await countersService(strapi).settle();
    const readers = Array.from({ length: 50 }, (_, i) => `restarted-${i}`);
    await sendViews(documentId, readers);
    await stopPlayground(strapi);

    // A new process remembers nothing in memory: the stored keys make the repeats repeats.
    await boot(databaseFile);
    clockService(strapi).set(start + 60_000);
    await sendViews(documentId, [...readers, 'restarted-new']);
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(51);
    expect(await seenRows(documentId)).toBe(51);
  });

  it('rolls a failed flush back whole, keys included, and counts the batch once when it is written again', async () => {
    await boot(databaseFile);
    const documentId = await newArticle('Counted after a failed write');
    const batch = {
      views: [],
      keyedViews: Array.from({ length: 40 }, (_, i) => ({
        documentId,
        locale: 'en',
        visitor: `retried-${i}`,
        windowStart: inWindow() - 1000,
        hour: hourOf(Date.now()),
      })),
      reactions: [],
    };
    // The totals upsert comes after the keys' insert: its failure must take the keys back too.
    const db = strapi.db.connection;
    await db.schema.renameTable('newsroom_counter_totals', 'newsroom_counter_totals_away');
    try {
      // Matched by message: SQLite's errors come from whichever test file first loaded the
      // native driver, so in a full run they are not `instanceof` this file's Error.
      await expect(writeBatch(db, batch)).rejects.toMatchObject({ message: expect.stringContaining('newsroom_counter_totals') });
    } finally {
      await db.schema.renameTable('newsroom_counter_totals_away', 'newsroom_counter_totals');
    }
    expect(await seenRows(documentId)).toBe(0);
    expect(await storedTotal(strapi, documentId, 'view')).toBe(0);
    expect(await writeBatch(db, batch)).toMatchObject({ views: 40 });
    expect(await storedTotal(strapi, documentId, 'view')).toBe(40);
    expect(await seenRows(documentId)).toBe(40);
  });

  it('counts nothing twice when a batch that did commit is written again (a commit whose answer was lost)', async () => {
    await boot(databaseFile);
    const documentId = await newArticle('Written twice, counted once');
    const now = Date.now();
    const batch = {
      views: [],
      keyedViews: ['twice-1', 'twice-2', 'twice-3'].map((visitor) => ({
        documentId,
        locale: 'en',
        visitor,
        windowStart: inWindow() - 1000,
        hour: hourOf(now),
      })),
      reactions: [],
    };
    expect(await writeBatch(strapi.db.connection, batch)).toMatchObject({ views: 3 });
    expect(await writeBatch(strapi.db.connection, batch)).toMatchObject({ views: 0 });
    expect(await storedTotal(strapi, documentId, 'view')).toBe(3);
  });

  it('writes a flush of more view keys than one statement takes', async () => {
    await boot(databaseFile);
    const documentId = await newArticle('Read by a crowd at once');
    await countersService(strapi).settle();
    const readers = Array.from({ length: 1200 }, (_, i) => `crowd-${i}`);
    for (let start = 0; start < readers.length; start += 200) await sendViews(documentId, readers.slice(start, start + 200));
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(1200);
    expect(await seenRows(documentId)).toBe(1200);
  });

  it('deletes the keys of windows before the previous one', async () => {
    const start = inWindow();
    await boot(databaseFile);
    clockService(strapi).set(start);
    const documentId = await newArticle('Old keys go');
    await countersService(strapi).settle();
    await sendViews(documentId, ['old-key-1', 'old-key-2']);
    await flushed();
    expect(await seenRows(documentId)).toBe(2);

    clockService(strapi).set(start + WINDOW_MS);
    await flushed();
    expect(await seenRows(documentId)).toBe(2);
    clockService(strapi).set(start + 2 * WINDOW_MS);
    await flushed();
    expect(await seenRows(documentId)).toBe(0);
    expect(await storedTotal(strapi, documentId, 'view')).toBe(2);
  });

  it('stores no key with a window of 0, and counts every view', async () => {
    configure({ counters: { flushIntervalMs: 60_000, dedupeWindowSeconds: 0 } });
    await boot(databaseFile);
    const documentId = await newArticle('Every view counts');
    await countersService(strapi).settle();
    await sendViews(documentId, ['same', 'same', 'same']);
    await flushed();
    expect(await storedTotal(strapi, documentId, 'view')).toBe(3);
    expect(await seenRows(documentId)).toBe(0);
  });
});

describe('public access', () => {
  const databaseFile = temporaryDatabase();

  afterEach(async () => {
    await stopPlayground(strapi);
    delete process.env.NEWSROOM_CONFIG;
  });

  afterAll(() => removeDatabase(databaseFile));

  it('answers 403 to the public when publicAccess is off and nobody granted the actions', async () => {
    configure({ publicAccess: false });
    await boot();
    const documentId = await newArticle('Closed to the public');
    await countersService(strapi).settle();
    const response = await http().post(views(documentId)).set('User-Agent', readerAgent('public'));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ data: null, error: { status: 403 } });
    expect((await http().get('/api/newsroom/rankings/most-read')).status).toBe(403);
    for (const path of ['/sections', '/sections/news', '/articles', '/articles/some-slug', '/articles/some-slug/page', '/recommendations?article=some-slug']) {
      expect({ path, status: (await http().get(`/api/newsroom${path}`)).status }).toEqual({ path, status: 403 });
    }
  });

  it('grants the public actions once, whatever the number of starts, and lists them in Users & Permissions', async () => {
    configure({});
    await boot(databaseFile);
    await stopPlayground(strapi);
    await boot(databaseFile);
    const held = (await strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: { type: 'public' }, action: { $startsWith: 'plugin::newsroom.' } },
    })) as Array<{ action: string }>;
    expect(held.map((permission) => permission.action).sort()).toEqual([
      'plugin::newsroom.articles.find',
      'plugin::newsroom.articles.findOne',
      'plugin::newsroom.articles.page',
      'plugin::newsroom.articles.story',
      'plugin::newsroom.counters.react',
      'plugin::newsroom.counters.view',
      'plugin::newsroom.rankings.findOne',
      'plugin::newsroom.recommendations.find',
      'plugin::newsroom.sections.find',
      'plugin::newsroom.sections.findOne',
    ]);
    const actions = strapi.plugin('users-permissions').service('users-permissions').getActions() as Record<
      string,
      { controllers: Record<string, Record<string, unknown>> }
    >;
    expect(Object.keys(actions['plugin::newsroom'].controllers.counters).sort()).toEqual(['react', 'view']);
    // Strapi's own defaults for the Public role are still there.
    expect(
      await strapi.db
        .query('plugin::users-permissions.permission')
        .count({ where: { role: { type: 'public' }, action: 'plugin::users-permissions.auth.callback' } }),
    ).toBe(1);
  });
});

describe('counters settings', () => {
  afterEach(() => {
    delete process.env.NEWSROOM_CONFIG;
  });

  it('refuses to start with a wrong counters or rankings setting and names it', async () => {
    configure({ counters: { flushIntervalMs: 5 } });
    await expect(startPlayground()).rejects.toThrow(/counters\.flushIntervalMs/);
    process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: 'sometimes' } } });
    await expect(startPlayground()).rejects.toThrow(/rankings\.schedule\.enabled/);
  });
});
