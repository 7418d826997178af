import type { Core } from '@strapi/strapi';
import { afterCommit } from './after-commit';

const LOCALE_UID = 'plugin::i18n.locale';

/**
 * Calls `removed` once a locale's deletion (Settings → Internationalization) has committed. The
 * i18n plugin deletes the locale's entries of every localized type first, with `deleteMany`, then
 * the locale itself.
 */
export const subscribeLocaleRemoval = (strapi: Core.Strapi, removed: () => Promise<void>): (() => void) => {
  const after = () =>
    afterCommit(strapi, () =>
      removed().catch((error: unknown) => {
        strapi.log.error(`[newsroom] removing a deleted locale's data: ${error instanceof Error ? error.message : String(error)}`);
      }),
    );
  return strapi.db.lifecycles.subscribe({ models: [LOCALE_UID], afterDelete: after, afterDeleteMany: after } as unknown as Parameters<
    Core.Strapi['db']['lifecycles']['subscribe']
  >[0]);
};
