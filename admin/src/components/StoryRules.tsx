import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { ArticleRef } from '../api/types';
import { useT } from '../useT';
import { Empty } from './States';

/** The articles taken out of this article's story, each of which may be let back in. */
export const StoryRules = ({ out, busy, onChange }: { out: ArticleRef[]; busy: boolean; onChange: (notInStory: string[]) => void }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">{t('rules.notInStory')}</Typography>
      {out.length === 0 && <Empty text={t('rules.noneOutOfStory')} />}
      {out.map((ref) => (
        <Flex key={ref.documentId} gap={1} data-testid="newsroom-not-in-story">
          <Box grow={1}>
            <Typography variant="omega">{ref.title}</Typography>
          </Box>
          <IconButton
            label={t('action.backInStory')}
            disabled={busy}
            onClick={() => onChange(out.map((entry) => entry.documentId).filter((id) => id !== ref.documentId))}
          >
            <Cross />
          </IconButton>
        </Flex>
      ))}
    </Flex>
  );
};
