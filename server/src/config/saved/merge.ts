type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `patch` over `base`: objects merge key by key, anything else (arrays included) replaces. Saved
 * settings are kept as such a patch, so a setting nobody changed follows the file config.
 */
export const mergeSettings = <T>(base: T, patch: unknown): T => {
  if (!isPlain(base) || !isPlain(patch)) return (patch === undefined ? base : patch) as T;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeSettings(base[key], value);
  return merged as T;
};

/** The top-level sections whose values differ between two configs. */
export const changedSections = <T extends Plain>(before: T, after: T): Array<keyof T> =>
  Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));

/** The values of `source` at the paths `patch` sets: the validated (converted) form of a patch. */
export const pickPaths = (patch: unknown, source: unknown): unknown => {
  if (!isPlain(patch) || !isPlain(source)) return source;
  return Object.fromEntries(Object.keys(patch).map((key) => [key, pickPaths(patch[key], source[key])]));
};
