import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ArticleRuleSet, ArticleState, RelatedPanelData } from '../contracts/panels';
import { articleTitles, documentsOf, refsOf, setArticles } from '../editorial/documents';
import { ARTICLE_UID } from '../uids';
import { getService } from './access';
import type { RecomputeOutcome } from './related';

const time = (value: unknown): number => new Date(String(value)).getTime();

/**
 * The Article edit view's Related panel: the list with titles, and the pins and exclusions,
 * changed through the Document Service so that the save middleware and the content API see them.
 */
const relatedPanel = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = () => documentsOf(strapi, ARTICLE_UID);
  const related = () => getService(strapi, 'related');

  const versions = async (documentId: string, locale: string) => {
    const draft = await articles().findOne({
      documentId,
      locale,
      status: 'draft',
      fields: ['title', 'updatedAt'],
      populate: { relatedPinned: { fields: ['title'] }, relatedExcluded: { fields: ['title'] }, notInStory: { fields: ['title'] } },
    });
    if (!draft) throw new errors.NotFoundError('No article with this document id in this locale');
    const published = await articles().findOne({ documentId, locale, status: 'published', fields: ['updatedAt'] });
    const state: ArticleState = !published ? 'draft' : time(draft.updatedAt) > time(published.updatedAt) ? 'modified' : 'published';
    return { draft, state };
  };

  const find = async (documentId: string, locale: string): Promise<RelatedPanelData> => {
    const { draft, state } = await versions(documentId, locale);
    const key = { documentId, locale };
    const preview = state === 'draft';
    const links = preview ? ((await related().preview(key)) ?? []) : await related().getList(key);
    const titles = await articleTitles(
      strapi,
      ARTICLE_UID,
      links.map((link) => link.documentId),
      locale,
    );
    return {
      documentId,
      locale,
      state,
      source: preview ? 'preview' : 'stored',
      links: links.map((link) => ({ ...link, title: titles.get(link.documentId)?.title ?? '', slug: titles.get(link.documentId)?.slug ?? '' })),
      pinned: refsOf(draft.relatedPinned),
      excluded: refsOf(draft.relatedExcluded),
      notInStory: refsOf(draft.notInStory),
    };
  };

  /** The panel after a recompute: one that was queued says for what. */
  const answer = async (outcome: RecomputeOutcome, documentId: string, locale: string): Promise<RelatedPanelData> => {
    const data = await find(documentId, locale);
    return outcome === 'done' ? data : { ...data, queued: outcome.queued };
  };

  const checkTargets = async (documentId: string, locale: string, rules: ArticleRuleSet): Promise<void> => {
    const targets = [...rules.pinned, ...rules.excluded, ...(rules.notInStory ?? [])];
    if (targets.includes(documentId)) throw new errors.ValidationError('An article cannot be pinned to, excluded from or taken out of its own list');
    const found = await articleTitles(strapi, ARTICLE_UID, targets, locale);
    const missing = targets.filter((target) => !found.has(target));
    if (missing.length) throw new errors.ValidationError(`No article in this locale with document id ${missing.join(', ')}`);
  };

  return {
    find,

    /**
     * Replaces pins (in order), exclusions and (when given) the articles taken out of its story. A published article without pending edits is
     * updated and published again, so the change is live at once; an article with unpublished
     * edits (or never published) changes in its draft only: publishing it never happens behind
     * the editor's back.
     */
    async updateRules(documentId: string, locale: string, rules: ArticleRuleSet): Promise<RelatedPanelData> {
      const { state } = await versions(documentId, locale);
      await checkTargets(documentId, locale, rules);
      await articles().update({
        documentId,
        locale,
        data: {
          relatedPinned: setArticles(rules.pinned, locale),
          relatedExcluded: setArticles(rules.excluded, locale),
          ...(rules.notInStory ? { notInStory: setArticles(rules.notInStory, locale) } : {}),
        },
      });
      if (state === 'published') {
        await articles().publish({ documentId, locale });
        // The save middleware queued it too; this answers with the list the content API now serves.
        return answer(await related().recomputeNow({ documentId, locale }), documentId, locale);
      }
      return find(documentId, locale);
    },

    async recompute(documentId: string, locale: string): Promise<RelatedPanelData> {
      await versions(documentId, locale);
      return answer(await related().recomputeNow({ documentId, locale }), documentId, locale);
    },
  };
};

export type RelatedPanelService = ReturnType<typeof relatedPanel>;

export default relatedPanel;
