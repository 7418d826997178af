import { PLUGIN_ID } from '../uids';

/** The plugin's admin (RBAC) actions: one per kind of thing an editor may be allowed to do. */
export const ACTIONS = {
  read: `plugin::${PLUGIN_ID}.read`,
  manageRelated: `plugin::${PLUGIN_ID}.related.manage`,
  settings: `plugin::${PLUGIN_ID}.settings`,
  rebuild: `plugin::${PLUGIN_ID}.rebuild`,
} as const;

export type AdminAction = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The form `actionProvider.registerMany` takes; `uid` becomes `plugin::newsroom.<uid>`. */
export const ACTION_DEFINITIONS = [
  { uid: 'read', displayName: 'Read the related panels, rankings and dashboard' },
  { uid: 'related.manage', displayName: 'Pin, exclude and recompute related links and rankings' },
  { uid: 'settings', displayName: 'Read and change the settings' },
  { uid: 'rebuild', displayName: 'Start a rebuild of the related index' },
].map((action) => ({ ...action, section: 'plugins' as const, pluginName: PLUGIN_ID }));
