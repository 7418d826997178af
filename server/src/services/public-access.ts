import type { Core } from '@strapi/strapi';
import { readConfig } from '../config';
import { createPublicGrants, grantPublicActions } from '../content-api/public-access';
import { PUBLIC_ACTIONS } from '../content-api/routes';

/** Which public actions the Public role holds, kept in memory for the `public-action` policy. */
const publicAccess = ({ strapi }: { strapi: Core.Strapi }) => {
  // Read again at each start: the settings page restarts this with a new `publicAccess`.
  let config = readConfig(strapi);
  let grants = createPublicGrants(strapi, PUBLIC_ACTIONS, config.publicAccess);
  let timer: NodeJS.Timeout | undefined;

  return {
    async start(): Promise<void> {
      config = readConfig(strapi);
      grants = createPublicGrants(strapi, PUBLIC_ACTIONS, config.publicAccess);
      if (config.publicAccess) {
        const granted = await grantPublicActions(strapi, PUBLIC_ACTIONS);
        if (granted.length) strapi.log.info(`[newsroom] granted the Public role: ${granted.join(', ')}`);
      }
      await grants.refresh();
      timer = setInterval(() => {
        grants
          .refresh()
          .catch((error: unknown) => strapi.log.warn(`[newsroom] public permissions refresh: ${error instanceof Error ? error.message : String(error)}`));
      }, config.permissionsRefreshSeconds * 1000);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
    /** Re-reads the grants now (after a change in Users & Permissions, in tests). */
    refresh: (): Promise<void> => grants.refresh(),
    allows: (action: string): boolean => grants.allows(action),
  };
};

export type PublicAccessService = ReturnType<typeof publicAccess>;

export default publicAccess;
