import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import type { ArticleRuleSet, PanelLink, RelatedPanelData } from '../../../server/src/contracts/panels';
import { useNewsroomApi } from '../api/client';
import { useLoad } from '../api/useLoad';
import { PERMISSIONS } from '../permissions';
import { useT } from '../useT';
import { ArticleRules } from './ArticleRules';
import { PinExclude } from './PinExclude';
import { sidePanel } from './sidePanel';
import { Empty, Loaded, ProblemAlert } from './States';
import { RemovableRefs } from './RemovableRefs';
import { useWrite } from './useWrite';

const ARTICLE = 'plugin::newsroom.article';

/** One listed article: its title, score or pin, reasons, and what an editor may do with it. */
const LinkCard = ({ link, children }: { link: PanelLink; children?: ReactNode }) => {
  const t = useT();
  return (
    <Box padding={2} hasRadius background="neutral100" data-testid="newsroom-related-link" data-document-id={link.documentId} data-same-story={link.sameStory}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography variant="omega" fontWeight="bold">
          {link.title}
        </Typography>
        <Badge>{link.pinned ? t('related.pinned') : link.score.toFixed(3)}</Badge>
      </Flex>
      {link.reasons.length > 0 && (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('related.reasons', { reasons: link.reasons.join(', ') })}
        </Typography>
      )}
      {children}
    </Box>
  );
};

/** A titled group of links, each with what an editor may do with it; nothing when empty. */
const LinkGroup = ({ title, links, testId, children }: { title: string; links: PanelLink[]; testId?: string; children?: (link: PanelLink) => ReactNode }) =>
  links.length === 0 ? null : (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid={testId}>
      <Typography variant="sigma">{title}</Typography>
      {links.map((link) => (
        <LinkCard key={link.documentId} link={link}>
          {children?.(link)}
        </LinkCard>
      ))}
    </Flex>
  );

const RelatedContent = ({ documentId, locale }: { documentId: string; locale?: string }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad(`${documentId}:${locale ?? ''}`, () => api.relatedPanel(documentId, locale));
  // Without the manage action the buttons are off; the server refuses the writes anyway.
  const { allowedActions } = useRBAC({ manage: PERMISSIONS.manageRelated });
  const { busy: writing, problem, run } = useWrite<RelatedPanelData>(set);
  const busy = writing || !allowedActions.canManage;
  const save = (rules: ArticleRuleSet) => run(() => api.setRelatedRules(documentId, locale, rules));

  return (
    <Loaded state={state}>
      {(panel) => {
        const ids = (refs: Array<{ documentId: string }>) => refs.map((ref) => ref.documentId);
        const rules: Required<ArticleRuleSet> = { pinned: ids(panel.pinned), excluded: ids(panel.excluded), notInStory: ids(panel.notInStory) };
        // In the list's own order: pins, then its story, then the rest.
        const pinned = panel.links.filter((link) => link.pinned);
        const story = panel.links.filter((link) => !link.pinned && link.sameStory);
        const others = panel.links.filter((link) => !link.pinned && !link.sameStory);
        const actions = (link: PanelLink) => (
          <PinExclude documentId={link.documentId} rules={rules} busy={busy} onChange={(next) => save({ ...rules, ...next })} />
        );
        return (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-related-panel">
            {panel.source === 'preview' && <Typography variant="pi">{t('related.preview')}</Typography>}
            {panel.state === 'modified' && <Typography variant="pi">{t('related.modified')}</Typography>}
            {panel.queued && (
              <Typography variant="pi" data-testid="newsroom-related-queued">
                {t(panel.queued === 'rebuild' ? 'related.queuedForRebuild' : 'related.queued')}
              </Typography>
            )}
            {problem && <ProblemAlert problem={problem} />}
            {panel.links.length === 0 && <Empty text={t('related.empty')} />}
            <LinkGroup title={t('rules.pinned')} links={pinned} />
            <LinkGroup title={t('related.sameStory')} links={story} testId="newsroom-same-story">
              {(link) => (
                <>
                  {actions(link)}
                  <Button size="S" variant="tertiary" disabled={busy} onClick={() => save({ ...rules, notInStory: [...rules.notInStory, link.documentId] })}>
                    {t('action.notInStory')}
                  </Button>
                </>
              )}
            </LinkGroup>
            <LinkGroup title={t('related.others')} links={others} testId="newsroom-other-related">
              {actions}
            </LinkGroup>
            <ArticleRules pinned={panel.pinned} excluded={panel.excluded} busy={busy} onChange={(next) => save({ ...rules, ...next })} />
            <Flex direction="column" alignItems="stretch" gap={2}>
              <RemovableRefs
                title={t('rules.notInStory')}
                empty={t('rules.noneOutOfStory')}
                refs={panel.notInStory}
                testId="newsroom-not-in-story"
                removeLabel={t('action.backInStory')}
                busy={busy}
                onRemove={(documentId) => save({ ...rules, notInStory: rules.notInStory.filter((id) => id !== documentId) })}
              />
            </Flex>
            <Button variant="tertiary" loading={writing} disabled={busy} onClick={() => run(() => api.recomputeRelated(documentId, locale))}>
              {t('action.recompute')}
            </Button>
          </Flex>
        );
      }}
    </Loaded>
  );
};

/** The "Related" side panel of the Article edit view: its story first, then the rest. */
export const RelatedPanel = sidePanel(ARTICLE, 'related.title', RelatedContent);
