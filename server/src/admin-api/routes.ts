import { PLUGIN_ID } from '../uids';
import { ACTIONS, type AdminAction } from './actions';

/** Answers the plugin's own refusals (a `503` for what needs the index on an instance that only serves, a `409` for a busy save). */
const ANSWERED_ERRORS = `plugin::${PLUGIN_ID}.answered-errors`;

export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handler: string;
  config: { policies: Array<string | { name: string; config: { actions: AdminAction[] } }>; middlewares: string[] };
}

/** Every admin route needs a logged-in admin holding its plugin action, checked on the server. */
const adminRoute = (method: AdminRoute['method'], path: string, handler: string, action: AdminAction): AdminRoute => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }], middlewares: [ANSWERED_ERRORS] },
});

/** Served under `/newsroom` by the admin server. */
export const adminRoutes: AdminRoute[] = [
  adminRoute('GET', '/related/:documentId', 'admin-related.find', ACTIONS.read),
  adminRoute('PUT', '/related/:documentId/rules', 'admin-related.updateRules', ACTIONS.manageRelated),
  adminRoute('POST', '/related/:documentId/recompute', 'admin-related.recompute', ACTIONS.manageRelated),
  adminRoute('GET', '/rankings/:documentId', 'admin-rankings.find', ACTIONS.read),
  adminRoute('PUT', '/rankings/:documentId/rules', 'admin-rankings.updateRules', ACTIONS.manageRelated),
  adminRoute('POST', '/rankings/recompute', 'admin-rankings.recompute', ACTIONS.manageRelated),
  adminRoute('GET', '/dashboard', 'admin-dashboard.overview', ACTIONS.read),
  adminRoute('GET', '/dashboard/stats', 'admin-dashboard.stats', ACTIONS.read),
  adminRoute('GET', '/rebuild', 'admin-dashboard.rebuildStatus', ACTIONS.read),
  adminRoute('POST', '/rebuild', 'admin-dashboard.startRebuild', ACTIONS.rebuild),
  adminRoute('GET', '/settings', 'admin-settings.find', ACTIONS.settings),
  adminRoute('PUT', '/settings', 'admin-settings.update', ACTIONS.settings),
];

export default { type: 'admin' as const, routes: adminRoutes };
