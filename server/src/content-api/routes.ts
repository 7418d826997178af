import { PLUGIN_ID } from '../uids';

/** The policy that lets a public route through only when the Public role holds its action. */
export const PUBLIC_ACTION_POLICY = `plugin::${PLUGIN_ID}.public-action`;

/** Turns a lost database connection into a `503` (see `middlewares/database-unavailable.ts`). */
export const DATABASE_UNAVAILABLE = `plugin::${PLUGIN_ID}.database-unavailable`;

/**
 * A route any visitor may call once the Public role holds its action. Strapi's per-request
 * permission check (a database read every time) is skipped with `auth: false`; the
 * `public-action` policy checks the same Users & Permissions grant from memory instead.
 */
const publicRoute = (method: 'GET' | 'POST', path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const, policies: [PUBLIC_ACTION_POLICY], middlewares: [DATABASE_UNAVAILABLE] },
});

/** Every public route. New ones join this list and are granted with the others. */
export const publicRoutes = [
  publicRoute('POST', '/articles/:documentId/views', 'counters.view'),
  publicRoute('POST', '/articles/:documentId/reactions', 'counters.react'),
  publicRoute('GET', '/rankings/:slug', 'rankings.findOne'),
];

/** Their Users & Permissions actions, e.g. `plugin::newsroom.counters.view`. */
export const PUBLIC_ACTIONS: string[] = publicRoutes.map((route) => `plugin::${PLUGIN_ID}.${route.handler}`);

export default {
  'content-api': { type: 'content-api', routes: publicRoutes },
};
