/** Polls `check` every `intervalMs` until it holds; fails after `timeoutMs`. */
export const eventually = async (check: () => Promise<boolean>, timeoutMs = 60_000, intervalMs = 200): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
