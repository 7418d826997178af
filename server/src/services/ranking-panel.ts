import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { RankingPanelData, Rules } from '../contracts/panels';
import { articleTitles, documentsOf, refsOf, setArticles } from '../editorial/documents';
import { ARTICLE_UID, RANKING_UID } from '../uids';
import { getService } from './access';

/** The Ranking edit view's panel: stored entries with their figures, pins and exclusions. */
const rankingPanel = ({ strapi }: { strapi: Core.Strapi }) => {
  const rankingDocs = () => documentsOf(strapi, RANKING_UID);
  const rankings = () => getService(strapi, 'rankings');

  const find = async (documentId: string, locale: string): Promise<RankingPanelData> => {
    const ranking = await rankingDocs().findOne({
      documentId,
      locale,
      fields: ['name', 'slug', 'kind', 'window'],
      populate: { pinned: { fields: ['title'] }, excluded: { fields: ['title'] } },
    });
    if (!ranking) throw new errors.NotFoundError('No ranking with this document id in this locale');
    const stored = await rankings().find(String(ranking.slug), locale);
    return {
      documentId,
      locale,
      name: String(ranking.name ?? ''),
      slug: String(ranking.slug ?? ''),
      kind: String(ranking.kind ?? ''),
      window: String(ranking.window ?? ''),
      computedAt: stored?.computedAt ?? null,
      entries: stored?.entries ?? [],
      pinned: refsOf(ranking.pinned),
      excluded: refsOf(ranking.excluded),
    };
  };

  return {
    find,

    /** Replaces pins and exclusions, then recomputes the rankings so the change is served at once. */
    async updateRules(documentId: string, locale: string, rules: Rules): Promise<RankingPanelData> {
      await find(documentId, locale);
      const targets = [...rules.pinned, ...rules.excluded];
      const found = await articleTitles(strapi, ARTICLE_UID, targets, locale);
      const missing = targets.filter((target) => !found.has(target));
      if (missing.length) throw new errors.ValidationError(`No article in this locale with document id ${missing.join(', ')}`);
      await rankingDocs().update({ documentId, locale, data: { pinned: setArticles(rules.pinned, locale), excluded: setArticles(rules.excluded, locale) } });
      await rankings().recomputeNow();
      return find(documentId, locale);
    },

    /** False when another instance holds the recompute lock: its run will include the change. */
    recompute: (): Promise<boolean> => rankings().recomputeNow(),
  };
};

export type RankingPanelService = ReturnType<typeof rankingPanel>;

export default rankingPanel;
