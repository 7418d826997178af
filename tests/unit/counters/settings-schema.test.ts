import config, { validateConfig } from '../../../server/src/config';

/** The default settings with one value replaced, at a dotted path. */
const withValue = (path: string, value: unknown): unknown => {
  const settings = config.default() as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let node = settings;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return settings;
};

const messageFor = (settings: unknown): string => {
  try {
    validateConfig(settings);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('counters and rankings settings', () => {
  it('accepts the defaults', () => {
    expect(messageFor(config.default())).toBe('');
  });

  it.each([
    ['counters.flushIntervalMs', 10, 'counters.flushIntervalMs'],
    ['counters.dedupeWindowSeconds', -1, 'counters.dedupeWindowSeconds'],
    ['counters.reactionKinds', [], 'counters.reactionKinds'],
    ['counters.reactionKinds', ['very good'], 'counters.reactionKinds[0]'],
    ['counters.botFilter', 'yes', 'counters.botFilter'],
    ['counters.flushEvery', 5, 'counters.flushEvery'],
    ['rankings.schedule.intervalSeconds', 1, 'rankings.schedule.intervalSeconds'],
    ['rankings.schedule.enabled', 'on', 'rankings.schedule.enabled'],
    ['rankings.trending.recentShare', 1, 'rankings.trending.recentShare'],
    ['publicAccess', 'yes', 'publicAccess'],
  ])('refuses %s = %j and names it', (path, value, name) => {
    expect(messageFor(withValue(path, value))).toContain(`"${name}"`);
  });
});
