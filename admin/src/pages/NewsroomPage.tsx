import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import type { Overview } from '../../../server/src/contracts/dashboard';
import { useNewsroomApi } from '../api/client';
import { useLoad } from '../api/useLoad';
import { RebuildCard } from '../components/RebuildCard';
import { Empty, Loaded } from '../components/States';
import { StatsChart } from '../components/StatsChart';
import { PERMISSIONS } from '../permissions';
import { useT } from '../useT';

const DAYS = 14;

const Card = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="delta">{title}</Typography>
      {children}
    </Flex>
  </Box>
);

const Purge = ({ purge }: { purge: Overview['purge'] }) => {
  const t = useT();
  return (
    <Card title={t('dashboard.purge')}>
      {purge.enabled ? (
        <>
          <Typography>{t('dashboard.purge.counts', { sent: purge.sent, failed: purge.failed, pending: purge.pending })}</Typography>
          {purge.lastSuccessAt && <Typography>{t('dashboard.purge.lastSuccess', { time: new Date(purge.lastSuccessAt).toLocaleString() })}</Typography>}
          {purge.lastFailure && (
            <Typography textColor="danger600">
              {t('dashboard.purge.lastFailure', { time: new Date(purge.lastFailure.at).toLocaleString(), message: purge.lastFailure.message })}
            </Typography>
          )}
        </>
      ) : (
        <Typography>{t('dashboard.purge.off')}</Typography>
      )}
    </Card>
  );
};

const Health = ({ health }: { health: Overview['health'] }) => {
  const t = useT();
  return (
    <Card title={t('dashboard.health')}>
      <Typography data-testid="newsroom-instance-role">{t(health.role === 'serving' ? 'dashboard.role.serving' : 'dashboard.role.worker')}</Typography>
      <Typography>{t('dashboard.indexed', { count: health.indexed })}</Typography>
      <Typography>{t('dashboard.lists', { count: health.lists })}</Typography>
      <Typography>{t('dashboard.jobs', { pending: health.jobs.pending, failed: health.jobs.failed })}</Typography>
      <Typography>
        {health.lastRebuild?.finishedAt ? t('dashboard.lastRebuild', { time: new Date(health.lastRebuild.finishedAt).toLocaleString() }) : t('rebuild.never')}
      </Typography>
    </Card>
  );
};

const Rankings = ({ rankings }: { rankings: Overview['rankings'] }) => {
  const t = useT();
  if (rankings.length === 0) return <Empty text={t('dashboard.noRankings')} />;
  return (
    <Grid.Root gap={4}>
      {rankings.map((ranking) => (
        <Grid.Item key={ranking.documentId} col={4} s={12} direction="column" alignItems="stretch">
          <Card title={ranking.name}>
            <Typography variant="pi" textColor="neutral600">
              {ranking.computedAt ? t('ranking.computedAt', { time: new Date(ranking.computedAt).toLocaleString() }) : t('ranking.notComputed')}
            </Typography>
            {ranking.entries.length === 0 && <Empty text={t('ranking.empty')} />}
            {ranking.entries.map((entry) => (
              <Typography key={entry.documentId} variant="omega">
                {entry.position}. {entry.title}
              </Typography>
            ))}
          </Card>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};

const Dashboard = () => {
  const t = useT();
  const api = useNewsroomApi();
  const overview = useLoad('overview', api.overview);
  const stats = useLoad(`stats:${DAYS}`, () => api.stats(DAYS));
  const { allowedActions } = useRBAC({ rebuild: PERMISSIONS.rebuild });
  return (
    <Page.Main>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header title={t('plugin.name')} subtitle={t('dashboard.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Card title={t('dashboard.overTime', { days: DAYS })}>
            <Loaded state={stats.state}>{(points) => <StatsChart points={points} />}</Loaded>
          </Card>
          <Loaded state={overview.state}>
            {(data) => (
              <Flex direction="column" alignItems="stretch" gap={6}>
                <Grid.Root gap={4}>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Health health={data.health} />
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <RebuildCard initial={data.health.lastRebuild} canRebuild={allowedActions.canRebuild} />
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Purge purge={data.purge} />
                  </Grid.Item>
                </Grid.Root>
                <Typography variant="beta">{t('dashboard.rankings')}</Typography>
                <Rankings rankings={data.rankings} />
              </Flex>
            )}
          </Loaded>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The Newsroom page of the main menu; without the read action, Strapi's no-permission state. */
const NewsroomPage = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Dashboard />
  </Page.Protect>
);

export default NewsroomPage;
