import { useState } from 'react';
import { Box, Button, Field, Flex, Grid, NumberInput, TextInput, Toggle, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { SettingsAnswer } from '../../../server/src/contracts/settings';
import { problemOf, useNewsroomApi, type ApiProblem } from '../api/client';
import { useLoad } from '../api/useLoad';
import { Loaded, ProblemAlert } from '../components/States';
import { PERMISSIONS } from '../permissions';
import { useT } from '../useT';
import { SETTING_GROUPS, fromText, patchOf, readPath, toText, type SettingField } from './settings-fields';

const Input = ({ field, value, onChange }: { field: SettingField; value: unknown; onChange: (value: unknown) => void }) => {
  const t = useT();
  if (field.kind === 'boolean')
    return (
      <Toggle
        name={field.path}
        checked={value === true}
        onLabel={t('settings.on')}
        offLabel={t('settings.off')}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
      />
    );
  if (field.kind === 'number')
    return (
      <NumberInput
        name={field.path}
        value={typeof value === 'number' ? value : undefined}
        onValueChange={(next: number | undefined) => onChange(next ?? null)}
      />
    );
  return (
    <TextInput
      name={field.path}
      value={toText(field.kind, value)}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(fromText(field.kind, event.target.value))}
    />
  );
};

const SettingsForm = ({ answer, onSaved }: { answer: SettingsAnswer; onSaved: (answer: SettingsAnswer) => void }) => {
  const t = useT();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const valueOf = (path: string): unknown => (path in edits ? edits[path] : readPath(answer.settings, path));

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await api.saveSettings(patchOf(edits));
      setEdits({});
      onSaved(saved);
      toggleNotification({ type: 'success', message: saved.rebuildStarted ? t('settings.savedRebuild') : t('settings.saved') });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {problem && <ProblemAlert problem={problem} />}
      {SETTING_GROUPS.map((group) => (
        <Box key={group.key} padding={6} hasRadius background="neutral0" shadow="tableShadow">
          <Typography variant="delta" tag="h2">
            {t(`settings.group.${group.key}`)}
          </Typography>
          <Grid.Root gap={4} paddingTop={4}>
            {group.fields.map((field) => (
              <Grid.Item key={field.path} col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name={field.path} error={problem?.fields[field.path]} hint={field.rebuild ? t('settings.rebuildHint') : undefined}>
                  <Field.Label>{t(`settings.field.${field.path}`)}</Field.Label>
                  <Input field={field} value={valueOf(field.path)} onChange={(value) => setEdits({ ...edits, [field.path]: value })} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            ))}
          </Grid.Root>
        </Box>
      ))}
      <Box>
        <Button onClick={save} loading={saving} disabled={Object.keys(edits).length === 0}>
          {t('action.save')}
        </Button>
      </Box>
    </Flex>
  );
};

const Settings = () => {
  const t = useT();
  const api = useNewsroomApi();
  const { state, set } = useLoad('settings', api.settings);
  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <Layouts.Header title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Layouts.Content>
        <Loaded state={state}>{(answer) => <SettingsForm answer={answer} onSaved={set} />}</Loaded>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The plugin's page in the Settings menu; without the settings action, the no-permission state. */
const SettingsPage = () => (
  <Page.Protect permissions={PERMISSIONS.settings}>
    <Settings />
  </Page.Protect>
);

export default SettingsPage;
