import type { Core } from '@strapi/strapi';

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';

const hasUsersPermissions = (strapi: Core.Strapi): boolean => Boolean(strapi.plugin('users-permissions'));

const publicRoleId = async (strapi: Core.Strapi): Promise<number | null> => {
  const role = (await strapi.db.query(ROLE_UID).findOne({ select: ['id'], where: { type: 'public' } })) as { id: number } | null;
  return role?.id ?? null;
};

const heldActions = async (strapi: Core.Strapi, role: number, actions: string[]): Promise<string[]> =>
  ((await strapi.db.query(PERMISSION_UID).findMany({ select: ['action'], where: { role, action: { $in: actions } } })) as Array<{ action: string }>).map(
    (permission) => permission.action,
  );

/** Gives the Public role each action it does not hold yet; running it again changes nothing. */
export const grantPublicActions = async (strapi: Core.Strapi, actions: string[]): Promise<string[]> => {
  if (!hasUsersPermissions(strapi)) return [];
  // On a fresh database the Public role does not exist before Users & Permissions bootstraps,
  // which may come after this plugin. Its own idempotent initializer creates the roles and their
  // default permissions now; its bootstrap then finds them and adds nothing.
  if ((await publicRoleId(strapi)) === null) await strapi.plugin('users-permissions').service('users-permissions').initialize();
  const role = await publicRoleId(strapi);
  if (role === null) return [];
  const held = new Set(await heldActions(strapi, role, actions));
  const missing = actions.filter((action) => !held.has(action));
  for (const action of missing) await strapi.db.query(PERMISSION_UID).create({ data: { action, role } });
  return missing;
};

/**
 * The public actions the Public role holds, read from Users & Permissions at start and every
 * `permissionsRefreshSeconds`: the public routes check it in memory on every request. Without
 * Users & Permissions, `publicAccess` alone decides.
 */
export const createPublicGrants = (strapi: Core.Strapi, actions: string[], publicAccess: boolean) => {
  let granted = new Set<string>();

  const refresh = async (): Promise<void> => {
    if (!hasUsersPermissions(strapi)) {
      granted = new Set(publicAccess ? actions : []);
      return;
    }
    const role = await publicRoleId(strapi);
    granted = new Set(role === null ? [] : await heldActions(strapi, role, actions));
  };

  return { refresh, allows: (action: string): boolean => granted.has(action) };
};
