import type { createContentVersion } from './content-version';

type ContentVersion = ReturnType<typeof createContentVersion>;

/**
 * Clears this instance's caches at once and tells the other instances through the shared content
 * version; clears them here when another instance moved it. Bumps that come while one is being
 * written collapse into one more: a rebuild's thousands of recomputes cost a few writes.
 */
export const createSharedInvalidation = (version: ContentVersion, clearLocal: () => void, pollMs: number, warn: (message: string) => void) => {
  let seen = 0;
  let writing: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const bump = (): void => {
    if (writing) {
      again = true;
      return;
    }
    const before = seen;
    writing = version
      .bump()
      // Only our own bump since the last look: nothing to clear again at the next poll.
      .then((after) => {
        if (after === before + 1 && seen === before) seen = after;
      })
      .catch((error: unknown) => warn(`[newsroom] content version bump: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        writing = undefined;
        if (again) {
          again = false;
          bump();
        }
      });
  };

  const poll = async (): Promise<void> => {
    const current = await version.read();
    if (current !== seen) {
      seen = current;
      clearLocal();
    }
  };

  return {
    async start(): Promise<void> {
      await version.ensure();
      seen = await version.read();
      timer = setInterval(() => {
        poll().catch((error: unknown) => warn(`[newsroom] content version poll: ${error instanceof Error ? error.message : String(error)}`));
      }, pollMs);
      timer.unref();
    },

    async stop(): Promise<void> {
      clearInterval(timer);
      await writing;
    },

    /** After a change here: clear now, and let the other instances know. */
    changed(): void {
      clearLocal();
      bump();
    },
  };
};
