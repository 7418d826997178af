import { useEffect, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { RebuildStatus } from '../../../server/src/contracts/dashboard';
import { problemOf, useNewsroomApi, type ApiProblem } from '../api/client';
import { useT } from '../useT';
import { ProblemAlert } from './States';

const POLL_MS = 1000;

/**
 * The rebuild button and its progress bar. Follows the job by polling its status, which lives
 * on the server: a reload finds a running rebuild again and keeps following it.
 */
export const RebuildCard = ({ initial, canRebuild }: { initial: RebuildStatus | null; canRebuild: boolean }) => {
  const t = useT();
  const api = useNewsroomApi();
  const [status, setStatus] = useState<RebuildStatus | null>(initial);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const running = status?.status === 'running';
  // A full rebuild may replace a running refresh (it does all the refresh does, and more).
  const busy = running && status?.kind === 'full';

  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => {
      api.rebuildStatus().then(setStatus, (error: unknown) => setProblem(problemOf(error)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, api]);

  const start = () => {
    setProblem(null);
    api.startRebuild().then(setStatus, (error: unknown) => setProblem(problemOf(error)));
  };

  const percent = Math.round((status?.progress ?? 0) * 100);
  return (
    <Box padding={4} hasRadius background="neutral0" shadow="tableShadow" data-testid="newsroom-rebuild">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="delta">{t('rebuild.title')}</Typography>
        {status ? (
          <>
            <Box
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-label={t('rebuild.title')}
              data-testid="newsroom-rebuild-progress"
              background="neutral200"
              hasRadius
              height="0.8rem"
              overflow="hidden"
            >
              {/* The design system's ProgressBar is drawn for dark backgrounds: this one reads on a card. */}
              <Box background="primary600" height="100%" width={`${percent}%`} />
            </Box>
            {status.kind === 'refresh' && <Typography variant="pi">{t('rebuild.kind.refresh')}</Typography>}
            <Typography variant="pi" data-testid="newsroom-rebuild-status" data-status={status.status}>
              {t(`rebuild.status.${status.status}`, { percent, done: status.done, total: status.total })}
            </Typography>
            {status.finishedAt && <Typography variant="pi">{t('rebuild.finishedAt', { time: new Date(status.finishedAt).toLocaleString() })}</Typography>}
            {status.error && (
              <Typography variant="pi" textColor="danger600">
                {status.error}
              </Typography>
            )}
          </>
        ) : (
          <Typography variant="pi">{t('rebuild.never')}</Typography>
        )}
        {problem && <ProblemAlert problem={problem} />}
        <Box>
          <Button onClick={start} disabled={!canRebuild || busy} loading={busy}>
            {t('rebuild.start')}
          </Button>
        </Box>
      </Flex>
    </Box>
  );
};
