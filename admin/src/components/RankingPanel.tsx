import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import type { RankingPanelData, Rules } from '../../../server/src/contracts/panels';
import { useNewsroomApi } from '../api/client';
import { useLoad } from '../api/useLoad';
import { PERMISSIONS } from '../permissions';
import { useT } from '../useT';
import { ArticleRules } from './ArticleRules';
import { PinExclude } from './PinExclude';
import { sidePanel } from './sidePanel';
import { Empty, Loaded, ProblemAlert } from './States';
import { useWrite } from './useWrite';

const RANKING = 'plugin::newsroom.ranking';

const RankingContent = ({ documentId, locale }: { documentId: string; locale?: string }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad(`${documentId}:${locale ?? ''}`, () => api.rankingPanel(documentId, locale));
  // Without the manage action the buttons are off; the server refuses the writes anyway.
  const { allowedActions } = useRBAC({ manage: PERMISSIONS.manageRelated });
  const { busy: writing, problem, run } = useWrite<RankingPanelData>(set);
  const busy = writing || !allowedActions.canManage;
  const save = (rules: Rules) => run(() => api.setRankingRules(documentId, locale, rules));

  return (
    <Loaded state={state}>
      {(panel) => {
        const rules: Rules = { pinned: panel.pinned.map((ref) => ref.documentId), excluded: panel.excluded.map((ref) => ref.documentId) };
        return (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-ranking-panel">
            <Typography variant="pi">
              {panel.computedAt ? t('ranking.computedAt', { time: new Date(panel.computedAt).toLocaleString() }) : t('ranking.notComputed')}
            </Typography>
            {problem && <ProblemAlert problem={problem} />}
            {panel.entries.length === 0 && <Empty text={t('ranking.empty')} />}
            {panel.entries.map((entry) => (
              <Box key={entry.documentId} padding={2} hasRadius background="neutral100">
                <Typography variant="omega">
                  {entry.position}. {entry.title}
                </Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {entry.pinned
                    ? t('related.pinned')
                    : t(`ranking.figure.${panel.kind}`, { figure: entry.figure === null ? '' : Number(entry.figure.toFixed(2)) })}
                </Typography>
                {!entry.pinned && <PinExclude documentId={entry.documentId} rules={rules} busy={busy} onChange={save} />}
              </Box>
            ))}
            <ArticleRules pinned={panel.pinned} excluded={panel.excluded} busy={busy} onChange={save} />
            <Button
              variant="tertiary"
              loading={writing}
              disabled={busy}
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
export const RankingPanel = sidePanel(RANKING, 'ranking.title', RankingContent);
