import { ACTIONS } from '../../../server/src/admin-api/actions';
import plugin from '../../../server/src/index';

interface Route {
  method: string;
  path: string;
  handler: string;
  config?: { policies?: Array<string | { name: string; config?: { actions?: string[] } }> };
}

const adminRouter = (plugin.routes as unknown as Record<string, { type: string; routes: Route[] }>).admin;
const actionsOf = (route: Route): string[] =>
  (route.config?.policies ?? []).flatMap((policy) =>
    typeof policy === 'object' && policy.name === 'admin::hasPermissions' ? (policy.config?.actions ?? []) : [],
  );

describe('admin route table', () => {
  it('is an admin router with routes', () => {
    expect(adminRouter.type).toBe('admin');
    expect(adminRouter.routes.length).toBeGreaterThanOrEqual(12);
  });

  it.each(adminRouter.routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s needs a logged-in admin holding a plugin action',
    (_name, route) => {
      expect(route.config?.policies).toContain('admin::isAuthenticatedAdmin');
      const actions = actionsOf(route);
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(Object.values(ACTIONS)).toContain(action);
    },
  );

  it('every handler exists on a controller', () => {
    const controllers = plugin.controllers as unknown as Record<string, unknown>;
    for (const route of adminRouter.routes) {
      const [controller] = route.handler.split('.');
      expect(controllers).toHaveProperty(controller);
    }
  });

  it('writes need more than the read action', () => {
    for (const route of adminRouter.routes.filter((candidate) => candidate.method !== 'GET')) expect(actionsOf(route)).not.toContain(ACTIONS.read);
  });
});
