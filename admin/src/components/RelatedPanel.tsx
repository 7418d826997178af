import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { useNewsroomApi } from '../api/client';
import type { RelatedPanelData, Rules } from '../api/types';
import { useLoad } from '../api/useLoad';
import { PERMISSIONS } from '../permissions';
import { useT } from '../useT';
import { ArticleRules } from './ArticleRules';
import { PinExclude } from './PinExclude';
import { sidePanel } from './sidePanel';
import { Empty, Loaded, ProblemAlert } from './States';
import { useWrite } from './useWrite';

const ARTICLE = 'plugin::newsroom.article';

const RelatedContent = ({ documentId, locale }: { documentId: string; locale?: string }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad(`${documentId}:${locale ?? ''}`, () => api.relatedPanel(documentId, locale));
  // Without the manage action the buttons are off; the server refuses the writes anyway.
  const { allowedActions } = useRBAC({ manage: PERMISSIONS.manageRelated });
  const { busy: writing, problem, run } = useWrite<RelatedPanelData>(set);
  const busy = writing || !allowedActions.canManage;
  const save = (rules: Rules) => run(() => api.setRelatedRules(documentId, locale, rules));

  return (
    <Loaded state={state}>
      {(panel) => {
        const rules: Rules = { pinned: panel.pinned.map((ref) => ref.documentId), excluded: panel.excluded.map((ref) => ref.documentId) };
        return (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-related-panel">
            {panel.source === 'preview' && <Typography variant="pi">{t('related.preview')}</Typography>}
            {panel.state === 'modified' && <Typography variant="pi">{t('related.modified')}</Typography>}
            {problem && <ProblemAlert problem={problem} />}
            {panel.links.length === 0 && <Empty text={t('related.empty')} />}
            {panel.links.map((link) => (
              <Box key={link.documentId} padding={2} hasRadius background="neutral100" data-testid="newsroom-related-link" data-document-id={link.documentId}>
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
                {!link.pinned && <PinExclude documentId={link.documentId} rules={rules} busy={busy} onChange={save} />}
              </Box>
            ))}
            <ArticleRules pinned={panel.pinned} excluded={panel.excluded} busy={busy} onChange={save} />
            <Button variant="tertiary" loading={writing} disabled={busy} onClick={() => run(() => api.recomputeRelated(documentId, locale))}>
              {t('action.recompute')}
            </Button>
          </Flex>
        );
      }}
    </Loaded>
  );
};

/** The "Related" side panel of the Article edit view. */
export const RelatedPanel = sidePanel(ARTICLE, 'related.title', RelatedContent);
