import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useNewsroomApi } from '../api/client';
import type { RankingPanelData, Rules } from '../api/types';
import { useLoad } from '../api/useLoad';
import { useT } from '../useT';
import { ArticleRules } from './ArticleRules';
import { Empty, Loaded, ProblemAlert } from './States';
import { useWrite } from './useWrite';

const RANKING = 'plugin::newsroom.ranking';

const RankingContent = ({ documentId, locale }: { documentId: string; locale?: string }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad(`${documentId}:${locale ?? ''}`, () => api.rankingPanel(documentId, locale));
  const { busy, problem, run } = useWrite<RankingPanelData>(set);
  const save = (rules: Rules) => run(() => api.setRankingRules(documentId, locale, rules));

  return (
    <Loaded state={state}>
      {(panel) => {
        const rules: Rules = { pinned: panel.pinned.map((ref) => ref.documentId), excluded: panel.excluded.map((ref) => ref.documentId) };
        return (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-ranking-panel">
            <Typography variant="pi">{panel.computedAt ? t('ranking.computedAt', { time: new Date(panel.computedAt).toLocaleString() }) : t('ranking.notComputed')}</Typography>
            {problem && <ProblemAlert problem={problem} />}
            {panel.entries.length === 0 && <Empty text={t('ranking.empty')} />}
            {panel.entries.map((entry) => (
              <Box key={entry.documentId} padding={2} hasRadius background="neutral100">
                <Typography variant="omega">
                  {entry.position}. {entry.title}
                </Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {entry.pinned ? t('related.pinned') : t(`ranking.figure.${panel.kind}`, { figure: entry.figure === null ? '' : Number(entry.figure.toFixed(2)) })}
                </Typography>
                {!entry.pinned && (
                  <Flex gap={2} paddingTop={1}>
                    <Button size="S" variant="secondary" disabled={busy} onClick={() => save({ ...rules, pinned: [...rules.pinned, entry.documentId] })}>
                      {t('action.pin')}
                    </Button>
                    <Button size="S" variant="danger-light" disabled={busy} onClick={() => save({ ...rules, excluded: [...rules.excluded, entry.documentId] })}>
                      {t('action.exclude')}
                    </Button>
                  </Flex>
                )}
              </Box>
            ))}
            <ArticleRules pinned={panel.pinned} excluded={panel.excluded} busy={busy} onChange={save} />
            <Button
              variant="tertiary"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await api.recomputeRankings();
                  return api.rankingPanel(documentId, locale);
                })
              }
            >
              {t('action.recompute')}
            </Button>
          </Flex>
        );
      }}
    </Loaded>
  );
};

/** The side panel of the Ranking edit view. */
export const RankingPanel: PanelComponent = ({ model, documentId, document }: PanelComponentProps) => {
  const t = useT();
  if (model !== RANKING) return null;
  return {
    title: t('ranking.title'),
    content: documentId ? <RankingContent documentId={documentId} locale={typeof document?.locale === 'string' ? document.locale : undefined} /> : <Empty text={t('related.unsaved')} />,
  };
};
