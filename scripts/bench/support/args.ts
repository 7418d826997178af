/** `--name value` command-line options, with a clear error for anything unknown. */
export const parseArgs = (argv: string[], known: Record<string, string>): Record<string, string> => {
  const options = { ...known };
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, '');
    if (!name || !(name in known) || argv[index + 1] === undefined) {
      throw new Error(
        `unknown or incomplete option "${argv[index]}"; options: ${Object.keys(known)
          .map((key) => `--${key}`)
          .join(', ')}`,
      );
    }
    options[name] = argv[index + 1];
  }
  return options;
};

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
