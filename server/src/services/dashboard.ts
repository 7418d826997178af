import type { Core } from '@strapi/strapi';
import { dailySeries, type DayPoint } from '../counters/series';
import { documentsOf } from '../editorial/documents';
import { RANKING_UID } from '../uids';
import type { ClockService } from './clock';
import type { RankingPanel } from './ranking-panel';
import type { RankingsService } from './rankings';
import type { EdgeService } from './edge';
import type { RelatedHealth, RelatedService } from './related';

/** A ranking at a glance: its head entries. */
export type RankingSummary = Omit<RankingPanel, 'locale' | 'pinned' | 'excluded'>;

export interface Overview {
  locale: string;
  rankings: RankingSummary[];
  health: RelatedHealth;
  purge: Awaited<ReturnType<EdgeService['health']>>;
}

const TOP = 5;

/** The Newsroom page: every ranking's head, the related index's health, counters over time. */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('newsroom');
  const defaultLocale = async (): Promise<string> => (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;

  return {
    async overview(locale?: string): Promise<Overview> {
      const code = locale ?? (await defaultLocale());
      const rankings = plugin().service('rankings') as RankingsService;
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
        health: await (plugin().service('related') as RelatedService).health(),
        purge: await (plugin().service('edge') as EdgeService).health(),
      };
    },

    stats: (days: number, locale?: string): Promise<DayPoint[]> =>
      dailySeries(strapi.db.connection, (plugin().service('clock') as ClockService).now(), days, locale),
  };
};

export type DashboardService = ReturnType<typeof dashboard>;

export default dashboard;
