import { Alert, Box, Loader, Typography } from '@strapi/design-system';
import type { ApiProblem } from '../api/client';
import type { Load } from '../api/useLoad';
import { useT } from '../useT';

/** Loading and error states of a panel; renders `children` with the data once it is there. */
export const Loaded = <T,>({ state, children }: { state: Load<T>; children: (data: T) => React.ReactNode }) => {
  const t = useT();
  if (state.status === 'loading') return <Loader small>{t('state.loading')}</Loader>;
  if (state.status === 'error') return <ProblemAlert problem={state.problem} />;
  return <>{children(state.data)}</>;
};

/** What failed; an action meant for the worker instance is no failure, only not available here. */
export const ProblemAlert = ({ problem }: { problem: ApiProblem }) => {
  const t = useT();
  return (
    <Alert
      variant={problem.servingOnly ? 'default' : 'danger'}
      title={t(problem.servingOnly ? 'state.servingOnly' : 'state.error')}
      closeLabel={t('action.close')}
      data-testid={problem.servingOnly ? 'newsroom-serving-only' : undefined}
    >
      {problem.message}
    </Alert>
  );
};

export const Empty = ({ text }: { text: string }) => (
  <Box padding={2}>
    <Typography variant="pi" textColor="neutral600">
      {text}
    </Typography>
  </Box>
);
