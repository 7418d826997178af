/** The settings the page edits, by path in the plugin config; their bounds live on the server. */
export type FieldKind = 'number' | 'boolean' | 'list' | 'map' | 'text';

export interface SettingField {
  path: string;
  kind: FieldKind;
  /** Changing it starts a rebuild of the related index. */
  rebuild?: true;
}

export const SETTING_GROUPS: Array<{ key: string; fields: SettingField[] }> = [
  {
    key: 'related',
    fields: [
      { path: 'related.listSize', kind: 'number', rebuild: true },
      { path: 'related.minScore', kind: 'number', rebuild: true },
      { path: 'related.fieldWeights.title', kind: 'number', rebuild: true },
      { path: 'related.fieldWeights.dek', kind: 'number', rebuild: true },
      { path: 'related.fieldWeights.body', kind: 'number', rebuild: true },
      { path: 'related.fieldWeights.tags', kind: 'number', rebuild: true },
      { path: 'related.fieldWeights.section', kind: 'number', rebuild: true },
      { path: 'related.recency.weight', kind: 'number', rebuild: true },
      { path: 'related.recency.halfLifeDays', kind: 'number', rebuild: true },
      { path: 'related.diversity.maxPerSection', kind: 'number', rebuild: true },
      { path: 'related.diversity.backfill', kind: 'boolean', rebuild: true },
      { path: 'related.analysis.defaultLanguage', kind: 'text', rebuild: true },
      { path: 'related.analysis.languages', kind: 'map', rebuild: true },
    ],
  },
  {
    key: 'rankings',
    fields: [
      { path: 'rankings.schedule.enabled', kind: 'boolean' },
      { path: 'rankings.schedule.intervalSeconds', kind: 'number' },
    ],
  },
  {
    key: 'counters',
    fields: [
      { path: 'counters.botFilter', kind: 'boolean' },
      { path: 'counters.dedupeWindowSeconds', kind: 'number' },
      { path: 'counters.reactionKinds', kind: 'list' },
    ],
  },
  { key: 'access', fields: [{ path: 'publicAccess', kind: 'boolean' }] },
];

export const readPath = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);

/** The nested patch `{ related: { listSize: 8 } }` of edited paths. */
export const patchOf = (edits: Record<string, unknown>): Record<string, unknown> => {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split('.');
    let node = patch;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return patch;
};

/** Text shown for a list (`a, b`) or a map (`en=english, fr=french`) setting. */
export const toText = (kind: FieldKind, value: unknown): string => {
  if (kind === 'list' && Array.isArray(value)) return value.join(', ');
  if (kind === 'map' && typeof value === 'object' && value !== null)
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}=${String(item)}`)
      .join(', ');
  return value === undefined || value === null ? '' : String(value);
};

const items = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The value a text field stands for; the server judges it. */
export const fromText = (kind: FieldKind, text: string): unknown => {
  if (kind === 'list') return items(text);
  if (kind === 'map') return Object.fromEntries(items(text).map((item) => item.split('=').map((part) => part.trim())));
  return text;
};
