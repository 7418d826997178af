export const HOUR_MS = 3_600_000;

/** The hourly bucket a moment falls in: whole hours since the epoch, UTC. */
export const hourOf = (time: number): number => Math.floor(time / HOUR_MS);
