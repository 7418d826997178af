import { z } from '@strapi/utils';
import { PLUGIN_ID } from '../uids';

/** The policy that lets a public route through only when the Public role holds its action. */
export const PUBLIC_ACTION_POLICY = `plugin::${PLUGIN_ID}.public-action`;

/** Turns a lost database connection into a `503` (see `middlewares/database-unavailable.ts`). */
export const DATABASE_UNAVAILABLE = `plugin::${PLUGIN_ID}.database-unavailable`;

type QueryKeys = Record<string, z.ZodType>;

/**
 * A route's own query keys, declared the way Strapi 5 declares route parameters (`request.query`,
 * Zod): with `api.rest.strictParams` on, Strapi's query validation accepts exactly the core keys
 * and these. The controllers still validate every request with the closed joi schemas of
 * `validators.ts`, the one source of the rules; these only name the keys and their types.
 */
const keys = (names: string[]): QueryKeys => Object.fromEntries(names.map((name) => [name, z.string().optional()]));

/**
 * A route any visitor may call once the Public role holds its action. Strapi's per-request
 * permission check (a database read every time) is skipped with `auth: false`; the
 * `public-action` policy checks the same Users & Permissions grant from memory instead.
 */
const publicRoute = (method: 'GET' | 'POST', path: string, handler: string, query: string[] = []) => ({
  method,
  path,
  handler,
  // `locale`, `page`, `pageSize`, `sort` and `limit` are Strapi's own query keys; only the others are declared.
  ...(query.length ? { request: { query: keys(query) } } : {}),
  config: { auth: false as const, policies: [PUBLIC_ACTION_POLICY], middlewares: [DATABASE_UNAVAILABLE] },
});

/** Every public route. New ones join this list and are granted with the others. */
export const publicRoutes = [
  publicRoute('GET', '/sections', 'sections.find'),
  publicRoute('GET', '/sections/:slug', 'sections.findOne'),
  publicRoute('GET', '/articles', 'articles.find', ['section', 'tag']),
  publicRoute('GET', '/articles/:slug', 'articles.findOne'),
  publicRoute('GET', '/articles/:slug/page', 'articles.page', ['fill']),
  publicRoute('GET', '/articles/:slug/story', 'articles.story'),
  publicRoute('GET', '/recommendations', 'recommendations.find', ['article', 'seen']),
  publicRoute('POST', '/articles/:documentId/views', 'counters.view'),
  publicRoute('POST', '/articles/:documentId/reactions', 'counters.react'),
  publicRoute('GET', '/rankings/:slug', 'rankings.findOne'),
];

/** Their Users & Permissions actions, e.g. `plugin::newsroom.counters.view`. */
export const PUBLIC_ACTIONS: string[] = publicRoutes.map((route) => `plugin::${PLUGIN_ID}.${route.handler}`);

export default {
  'content-api': { type: 'content-api', routes: publicRoutes },
};
