import { useMemo } from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import type { ArticleRuleSet, DayPoint, Overview, RankingPanelData, RebuildStatus, RelatedPanelData, Rules, SettingsAnswer, SettingsValue } from './types';

type Answer<T> = { data: T };

const base = `/${PLUGIN_ID}`;
const query = (locale: string | undefined): string => (locale ? `?locale=${encodeURIComponent(locale)}` : '');

/** Typed calls of the plugin's admin routes. */
export const useNewsroomApi = () => {
  const { get, put, post } = useFetchClient();
  return useMemo(() => {
    const read = async <T>(url: string): Promise<T> => (await get<Answer<T>>(url)).data.data;
    const write = async <T>(method: typeof put, url: string, body: unknown): Promise<T> => (await method<Answer<T>>(url, body)).data.data;
    return {
      relatedPanel: (documentId: string, locale?: string) => read<RelatedPanelData>(`${base}/related/${documentId}${query(locale)}`),
      setRelatedRules: (documentId: string, locale: string | undefined, rules: ArticleRuleSet) =>
        write<RelatedPanelData>(put, `${base}/related/${documentId}/rules`, { locale, ...rules }),
      recomputeRelated: (documentId: string, locale?: string) => write<RelatedPanelData>(post, `${base}/related/${documentId}/recompute`, { locale }),
      rankingPanel: (documentId: string, locale?: string) => read<RankingPanelData>(`${base}/rankings/${documentId}${query(locale)}`),
      setRankingRules: (documentId: string, locale: string | undefined, rules: Rules) =>
        write<RankingPanelData>(put, `${base}/rankings/${documentId}/rules`, { locale, ...rules }),
      recomputeRankings: () => write<{ recomputed: boolean }>(post, `${base}/rankings/recompute`, {}),
      overview: () => read<Overview>(`${base}/dashboard`),
      stats: (days: number) => read<DayPoint[]>(`${base}/dashboard/stats?days=${days}`),
      rebuildStatus: () => read<RebuildStatus | null>(`${base}/rebuild`),
      startRebuild: () => write<RebuildStatus>(post, `${base}/rebuild`, {}),
      settings: () => read<SettingsAnswer>(`${base}/settings`),
      saveSettings: (patch: SettingsValue) => write<SettingsAnswer>(put, `${base}/settings`, patch),
    };
  }, [get, put, post]);
};

export interface ApiProblem {
  message: string;
  /** Messages by setting path (`related.listSize`), from the server's validation details. */
  fields: Record<string, string>;
}

interface ErrorDetails {
  errors?: Array<{ path?: string[]; message?: string }>;
}

/** What the server said went wrong, in its error envelope; the error's own message otherwise. */
export const problemOf = (error: unknown): ApiProblem => {
  if (isFetchError(error)) {
    const body = error.response?.data as { error?: { message?: string; details?: ErrorDetails } } | undefined;
    const fields: Record<string, string> = {};
    for (const detail of body?.error?.details?.errors ?? []) if (detail.path && detail.message) fields[detail.path.join('.')] = detail.message;
    return { message: body?.error?.message ?? error.message, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
};
