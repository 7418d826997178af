import request from 'supertest';
import type { Core } from '@strapi/strapi';

export const DEMO_ADMIN = { email: 'admin@newsroom.local', password: 'NewsroomDemo1' };

/** Logs in through the admin's own login route, as the admin panel does; returns the access token. */
export const adminLogin = async (strapi: Core.Strapi, credentials: { email: string; password: string }): Promise<string> => {
  const response = await request(strapi.server.httpServer).post('/admin/login').send(credentials);
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return String(response.body.data.token);
};

const ARTICLE = 'plugin::newsroom.article';
const RANKING = 'plugin::newsroom.ranking';

/**
 * An editor-like role: the content manager on articles and rankings, none of the plugin's own
 * actions. Returns the credentials of a user holding only that role.
 */
export const createEditorWithoutPluginActions = async (strapi: Core.Strapi): Promise<{ email: string; password: string }> => {
  const role = await strapi.service('admin::role').create({ name: 'Newsroom test editor', description: 'Content manager only' });
  const permissions = ['read', 'create', 'update', 'publish'].flatMap((action) =>
    [ARTICLE, RANKING].map((subject) => ({ action: `plugin::content-manager.explorer.${action}`, subject, properties: {}, conditions: [] })),
  );
  await strapi.service('admin::role').assignPermissions(role.id, permissions);
  const credentials = { email: 'editor@newsroom.local', password: 'EditorDemo1' };
  await strapi
    .service('admin::user')
    .create({ ...credentials, firstname: 'Test', lastname: 'Editor', isActive: true, registrationToken: null, roles: [role.id] });
  return credentials;
};
