import { useMemo } from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import type {
  ArticleRuleSet,
  GetRankingPanel,
  GetRelatedPanel,
  RecomputeRankings,
  RecomputeRelated,
  Rules,
  UpdateRankingRules,
  UpdateRelatedRules,
} from '../../../server/src/contracts/panels';
import type { GetOverview, GetRebuildStatus, GetStats, StartRebuild } from '../../../server/src/contracts/dashboard';
import type { ValidationProblem, WorkerOnlyDetails } from '../../../server/src/contracts/errors';
import type { GetSettings, UpdateSettings } from '../../../server/src/contracts/settings';
import { PLUGIN_ID } from '../pluginId';

type Answer = { data: unknown };

const base = `/${PLUGIN_ID}`;
const query = (locale: string | undefined): string => (locale ? `?locale=${encodeURIComponent(locale)}` : '');

/** Typed calls of the plugin's admin routes. */
export const useNewsroomApi = () => {
  const { get, put, post } = useFetchClient();
  return useMemo(() => {
    const read = async <R extends Answer>(url: string): Promise<R['data']> => (await get<R>(url)).data.data;
    const write = async <R extends Answer>(method: typeof put, url: string, body: unknown): Promise<R['data']> => (await method<R>(url, body)).data.data;
    return {
      relatedPanel: (documentId: string, locale?: string) => read<GetRelatedPanel.Response>(`${base}/related/${documentId}${query(locale)}`),
      setRelatedRules: (documentId: string, locale: string | undefined, rules: ArticleRuleSet) =>
        write<UpdateRelatedRules.Response>(put, `${base}/related/${documentId}/rules`, { locale, ...rules } satisfies UpdateRelatedRules.Request['body']),
      recomputeRelated: (documentId: string, locale?: string) =>
        write<RecomputeRelated.Response>(post, `${base}/related/${documentId}/recompute`, { locale } satisfies RecomputeRelated.Request['body']),
      rankingPanel: (documentId: string, locale?: string) => read<GetRankingPanel.Response>(`${base}/rankings/${documentId}${query(locale)}`),
      setRankingRules: (documentId: string, locale: string | undefined, rules: Rules) =>
        write<UpdateRankingRules.Response>(put, `${base}/rankings/${documentId}/rules`, { locale, ...rules } satisfies UpdateRankingRules.Request['body']),
      recomputeRankings: () => write<RecomputeRankings.Response>(post, `${base}/rankings/recompute`, {} satisfies RecomputeRankings.Request['body']),
      overview: () => read<GetOverview.Response>(`${base}/dashboard`),
      stats: (days: number) => read<GetStats.Response>(`${base}/dashboard/stats?days=${days}`),
      rebuildStatus: () => read<GetRebuildStatus.Response>(`${base}/rebuild`),
      startRebuild: () => write<StartRebuild.Response>(post, `${base}/rebuild`, {} satisfies StartRebuild.Request['body']),
      settings: () => read<GetSettings.Response>(`${base}/settings`),
      saveSettings: (patch: UpdateSettings.Request['body']) => write<UpdateSettings.Response>(put, `${base}/settings`, patch),
    };
  }, [get, put, post]);
};

export interface ApiProblem {
  message: string;
  /** Messages by setting path (`related.listSize`), from the server's validation details. */
  fields: Record<string, string>;
  /** Set when the action needs the worker instance and this one only serves. */
  servingOnly: boolean;
}

/** Any error envelope of Strapi's: only a validation error's details list problems. */
interface ErrorBody {
  error?: { message?: string; details?: { errors?: Array<Partial<ValidationProblem>> } & Partial<WorkerOnlyDetails> };
}

/** What the server said went wrong, in its error envelope; the error's own message otherwise. */
export const problemOf = (error: unknown): ApiProblem => {
  if (isFetchError(error)) {
    const body = error.response?.data as ErrorBody | undefined;
    const fields: Record<string, string> = {};
    for (const detail of body?.error?.details?.errors ?? []) if (detail.path && detail.message) fields[detail.path.join('.')] = detail.message;
    return { message: body?.error?.message ?? error.message, fields, servingOnly: body?.error?.details?.reason === 'serving-only' };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {}, servingOnly: false };
};
