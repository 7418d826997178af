import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Cross } from '@strapi/icons';
import type { ArticleRef, Rules } from '../../../server/src/contracts/panels';
import { useT } from '../useT';
import { RemovableRefs } from './RemovableRefs';
import { Empty } from './States';

const move = (list: string[], index: number, by: number): string[] => {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item);
  return next;
};

/** Pinned (reorderable) and excluded articles, each removable; titles are plain text. */
export const ArticleRules = ({
  pinned,
  excluded,
  busy,
  onChange,
}: {
  pinned: ArticleRef[];
  excluded: ArticleRef[];
  busy: boolean;
  onChange: (rules: Rules) => void;
}) => {
  const t = useT();
  const rules: Rules = { pinned: pinned.map((ref) => ref.documentId), excluded: excluded.map((ref) => ref.documentId) };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">{t('rules.pinned')}</Typography>
      {pinned.length === 0 && <Empty text={t('rules.noPins')} />}
      {pinned.map((ref, index) => (
        <Flex key={ref.documentId} gap={1} data-testid="newsroom-pinned">
          <Box grow={1}>
            <Typography variant="omega">{ref.title}</Typography>
          </Box>
          <IconButton label={t('action.moveUp')} disabled={busy || index === 0} onClick={() => onChange({ ...rules, pinned: move(rules.pinned, index, -1) })}>
            <ArrowUp />
          </IconButton>
          <IconButton
            label={t('action.moveDown')}
            disabled={busy || index === pinned.length - 1}
            onClick={() => onChange({ ...rules, pinned: move(rules.pinned, index, 1) })}
          >
            <ArrowDown />
          </IconButton>
          <IconButton
            label={t('action.unpin')}
            disabled={busy}
            onClick={() => onChange({ ...rules, pinned: rules.pinned.filter((id) => id !== ref.documentId) })}
          >
            <Cross />
          </IconButton>
        </Flex>
      ))}
      <RemovableRefs
        title={t('rules.excluded')}
        empty={t('rules.noExclusions')}
        refs={excluded}
        testId="newsroom-excluded"
        removeLabel={t('action.unexclude')}
        busy={busy}
        onRemove={(documentId) => onChange({ ...rules, excluded: rules.excluded.filter((id) => id !== documentId) })}
      />
    </Flex>
  );
};
