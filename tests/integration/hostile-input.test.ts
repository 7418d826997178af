import fc from 'fast-check';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { countRows } from '../../support/test-database';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { createArticle } from '../support/articles';
import { countersService } from '../support/counters';

/**
 * Property tests for every public route: whatever a client sends — huge, deeply nested, null
 * bytes, Unicode edge cases, malformed encodings, prototype keys — the answer is never a 5xx,
 * errors come in Strapi's envelope, nothing is stored for a refused request, no draft leaks,
 * and the process keeps serving.
 */
const SECRET = 'Hostile-input draft 7f3c9e never public';
let strapi: Core.Strapi;
let base: string;

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uFEFF',
    '\u202Eevil',
    'e\u0301\u0301\u0301',
    '🧨'.repeat(50),
    '../../etc/passwd',
    "' OR 1=1 --",
    '{"$ne":null}',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    '',
  ),
  fc.string({ minLength: 2000, maxLength: 20000 }),
);
/** Query keys as qs reads them: nested, indexed, prototype-polluting, Strapi's own. */
const queryKey = fc.oneof(
  fc.constantFrom(
    'locale',
    'status',
    'article',
    'seen',
    'section',
    'tag',
    'page',
    'pageSize',
    'sort',
    'limit',
    'populate',
    'fields',
    'filters[status]',
    'filters[$or][0][publishedAt][$null]',
    'populate[createdBy]',
    '__proto__[polluted]',
    'constructor[prototype][x]',
    'pagination[pageSize]',
    'count',
    'kind',
    'a[b][c][d][e][f][g][h][i][j]',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const query = fc.dictionary(queryKey, nasty, { maxKeys: 5 });
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.record({ kind: nasty }),
  fc.record({ kind: fc.constant('veryGood'), count: fc.integer() }),
  fc.array(fc.constant({ kind: 'veryGood' }), { maxLength: 3000 }),
);
/** A path segment: a real id, random text (encoded), or raw bytes the URL parser must cope with. */
const segment = fc.oneof(fc.constant('REAL'), nasty.map(encodeURIComponent), fc.constantFrom('%00', '%ZZ', '%', '%E0%A4%A', '..%2F..', '%u0000'));

const encodeQuery = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([key, value]) => `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`)
    .join('&');

/** Real values for `REAL`: a published article's id and slug, a section, a ranking. */
const real: Record<string, string> = { ranking: 'most-read', section: 'news' };
const pathWith = (template: string, value: string, kind: string): string => template.replace(':id', value === 'REAL' ? real[kind] : value);

const routes = [
  { method: 'get' as const, template: '/api/newsroom/sections', kind: 'section' },
  { method: 'get' as const, template: '/api/newsroom/sections/:id', kind: 'section' },
  { method: 'get' as const, template: '/api/newsroom/articles', kind: 'slug' },
  { method: 'get' as const, template: '/api/newsroom/articles/:id', kind: 'slug' },
  { method: 'get' as const, template: '/api/newsroom/articles/:id/page', kind: 'slug' },
  { method: 'get' as const, template: '/api/newsroom/recommendations', kind: 'slug' },
  { method: 'get' as const, template: '/api/newsroom/rankings/:id', kind: 'ranking' },
  { method: 'post' as const, template: '/api/newsroom/articles/:id/views', kind: 'documentId' },
  { method: 'post' as const, template: '/api/newsroom/articles/:id/reactions', kind: 'documentId' },
];

/** Rows in the tables a public route can write to. */
const stored = async (): Promise<number[]> => {
  await countersService(strapi).flush();
  const tables = ['newsroom_counter_buckets', 'newsroom_counter_totals', 'newsroom_counter_reactions', 'newsroom_articles'];
  return Promise.all(tables.map((table) => countRows(strapi.db.connection(table))));
};

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } } });
  strapi = await startPlayground({ seed: true });
  base = await listen(strapi);
  await createArticle(strapi, { title: SECRET, paragraphs: [`${SECRET}: a draft that must never be served.`], publish: false });
  const [first] = await strapi.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', limit: 1, fields: ['documentId', 'slug'] });
  real.documentId = first.documentId;
  real.slug = (first as { slug?: string }).slug ?? '';
});

afterAll(async () => {
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe.each(routes)('$method $template', ({ method, template, kind }) => {
  it('never answers 5xx, keeps the error envelope, stores nothing it refused and leaks no draft', async () => {
    const before = await stored();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(segment, query, body, fc.boolean(), async (id, params, payload, raw) => {
        const path = `${pathWith(template, id, kind)}${Object.keys(params).length ? `?${encodeQuery(params)}` : ''}`;
        let call = request(base)[method](path).set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) hostile-input');
        if (method === 'post') {
          const json = JSON.stringify(payload);
          call = call.set('Content-Type', 'application/json').send(raw ? json.slice(0, -1) : json);
        }
        const response = await call;
        expect(response.status).toBeLessThan(500);
        expect(response.text).not.toContain(SECRET);
        // Answered before any route runs: 431 by Node's HTTP parser (oversized headers), 405 by
        // Strapi's router (an empty id makes the path another route's).
        if (response.status >= 400 && response.status !== 431 && response.status !== 405) {
          expect(response.body).toMatchObject({ data: null, error: { status: response.status } });
        } else if (response.status < 400) accepted += 1;
      }),
      { numRuns: 100, endOnFailure: true },
    );
    // Random input is refused; the count check only means something when nothing got through.
    if (accepted === 0) expect(await stored()).toEqual(before);
    expect((await request(base).get('/_health')).status).toBe(204);
  });
});
