import { PLUGIN_ID } from './pluginId';

const action = (name: string) => [{ action: `plugin::${PLUGIN_ID}.${name}`, subject: null }];

/** The plugin's RBAC actions, as the admin's permission checks take them (see server `admin-api/actions.ts`). */
export const PERMISSIONS = {
  read: action('read'),
  manageRelated: action('related.manage'),
  settings: action('settings'),
  rebuild: action('rebuild'),
};
