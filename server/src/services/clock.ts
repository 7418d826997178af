/**
 * The time counters and rankings run on. Tests set it to move through hours and days without
 * waiting; everything else reads `now()`.
 */
const clock = () => {
  let fixed: number | null = null;
  return {
    now: (): number => fixed ?? Date.now(),
    /** A fixed time in milliseconds, or `null` to follow the system clock again. */
    set(time: number | null): void {
      fixed = time;
    },
  };
};

export type ClockService = ReturnType<typeof clock>;

export default clock;
