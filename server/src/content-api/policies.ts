import type { Core } from '@strapi/strapi';
import { getService } from '../services/access';
import { PLUGIN_ID } from '../uids';

type PolicyContext = { state: { route?: { handler?: unknown } } };

/** Lets a public route through when the Public role holds its action (a 403 otherwise). */
const publicAction = (policyContext: PolicyContext, _config: unknown, { strapi }: { strapi: Core.Strapi }): boolean => {
  const handler = policyContext.state.route?.handler;
  const access = getService(strapi, 'publicAccess');
  return typeof handler === 'string' && access.allows(`plugin::${PLUGIN_ID}.${handler}`);
};

export default { 'public-action': publicAction };
