import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import type { ArticleRef } from '../../../server/src/contracts/panels';
import { Empty } from './States';

/** A titled list of articles, each removable; titles are plain text. */
export const RemovableRefs = ({
  title,
  empty,
  refs,
  testId,
  removeLabel,
  busy,
  onRemove,
}: {
  title: string;
  empty: string;
  refs: ArticleRef[];
  testId: string;
  removeLabel: string;
  busy: boolean;
  onRemove: (documentId: string) => void;
}) => (
  <>
    <Typography variant="sigma">{title}</Typography>
    {refs.length === 0 && <Empty text={empty} />}
    {refs.map((ref) => (
      <Flex key={ref.documentId} gap={1} data-testid={testId}>
        <Box grow={1}>
          <Typography variant="omega">{ref.title}</Typography>
        </Box>
        <IconButton label={removeLabel} disabled={busy} onClick={() => onRemove(ref.documentId)}>
          <Cross />
        </IconButton>
      </Flex>
    ))}
  </>
);
