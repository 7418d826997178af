import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useNewsroomApi } from '../api/client';
import type { RelatedPanelData, Rules } from '../api/types';
import { useLoad } from '../api/useLoad';
import { useT } from '../useT';
import { ArticleRules } from './ArticleRules';
import { Empty, Loaded, ProblemAlert } from './States';
import { useWrite } from './useWrite';

const ARTICLE = 'plugin::newsroom.article';

const RelatedContent = ({ documentId, locale }: { documentId: string; locale?: string }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad(`${documentId}:${locale ?? ''}`, () => api.relatedPanel(documentId, locale));
  const { busy, problem, run } = useWrite<RelatedPanelData>(set);
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
                {!link.pinned && (
                  <Flex gap={2} paddingTop={1}>
                    <Button size="S" variant="secondary" disabled={busy} onClick={() => save({ ...rules, pinned: [...rules.pinned, link.documentId] })}>
                      {t('action.pin')}
                    </Button>
                    <Button size="S" variant="danger-light" disabled={busy} onClick={() => save({ ...rules, excluded: [...rules.excluded, link.documentId] })}>
                      {t('action.exclude')}
                    </Button>
                  </Flex>
                )}
              </Box>
            ))}
            <ArticleRules pinned={panel.pinned} excluded={panel.excluded} busy={busy} onChange={save} />
            <Button variant="tertiary" loading={busy} onClick={() => run(() => api.recomputeRelated(documentId, locale))}>
              {t('action.recompute')}
            </Button>
          </Flex>
        );
      }}
    </Loaded>
  );
};

/** The "Related" side panel of the Article edit view. */
export const RelatedPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  if (model !== ARTICLE) return null;
  return {
    title: t('related.title'),
    content: documentId ? <RelatedContent documentId={documentId} locale={typeof document?.locale === 'string' ? document.locale : undefined} /> : <Empty text={t('related.unsaved')} />,
  };
};
