import { Button, Flex } from '@strapi/design-system';
import type { Rules } from '../../../server/src/contracts/panels';
import { useT } from '../useT';

/** Pin or exclude one listed article: the current rules with it added. */
export const PinExclude = ({ documentId, rules, busy, onChange }: { documentId: string; rules: Rules; busy: boolean; onChange: (rules: Rules) => void }) => {
  const t = useT();
  return (
    <Flex gap={2} paddingTop={1}>
      <Button size="S" variant="secondary" disabled={busy} onClick={() => onChange({ ...rules, pinned: [...rules.pinned, documentId] })}>
        {t('action.pin')}
      </Button>
      <Button size="S" variant="danger-light" disabled={busy} onClick={() => onChange({ ...rules, excluded: [...rules.excluded, documentId] })}>
        {t('action.exclude')}
      </Button>
    </Flex>
  );
};
