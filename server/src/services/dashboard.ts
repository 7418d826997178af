import type { Core } from '@strapi/strapi';
import { defaultLocale } from '../i18n/site-locales';
import type { DayPoint, Overview, RankingSummary } from '../contracts/dashboard';
import { dailySeries } from '../counters/series';
import { documentsOf } from '../editorial/documents';
import { RANKING_UID } from '../uids';
import { getService } from './access';

const TOP = 5;

/** The Newsroom page: every ranking's head, the related index's health, counters over time. */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async overview(locale?: string): Promise<Overview> {
      const code = locale ?? (await defaultLocale(strapi));
      const rankings = getService(strapi, 'rankings');
      const docs = await documentsOf(strapi, RANKING_UID).findMany({ locale: code, fields: ['name', 'slug', 'kind', 'window'] });
      const summaries = await Promise.all(
        docs.map(async (doc): Promise<RankingSummary> => {
          const stored = await rankings.find(String(doc.slug), code);
          return {
            documentId: String(doc.documentId),
            name: String(doc.name ?? ''),
            slug: String(doc.slug ?? ''),
            kind: String(doc.kind ?? ''),
            window: String(doc.window ?? ''),
            computedAt: stored?.computedAt ?? null,
            entries: (stored?.entries ?? []).slice(0, TOP),
          };
        }),
      );
      return {
        locale: code,
        rankings: summaries,
        health: await getService(strapi, 'related').health(),
        purge: await getService(strapi, 'edge').health(),
      };
    },

    stats: (days: number, locale?: string): Promise<DayPoint[]> => dailySeries(strapi.db.connection, getService(strapi, 'clock').now(), days, locale),
  };
};

export type DashboardService = ReturnType<typeof dashboard>;

export default dashboard;
