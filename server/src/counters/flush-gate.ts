/**
 * Keeps the flush's write apart from the reads that add the buffer to what is stored: a read
 * during a flush on a server database saw the batch both stored and still pending (a visitor's
 * one reaction answered as two). Reads run side by side; a flush waits for those under way, and
 * reads arriving meanwhile wait for it, so a stream of reads never holds a flush back.
 */
export const createFlushGate = () => {
  let readers = 0;
  // A flush waiting for reads to end, or writing.
  let writing: Promise<void> | undefined;
  let readsEnded: (() => void) | undefined;

  return {
    async read<T>(task: () => Promise<T>): Promise<T> {
      while (writing) await writing;
      readers += 1;
      try {
        return await task();
      } finally {
        readers -= 1;
        if (readers === 0) readsEnded?.();
      }
    },

    /** One at a time. */
    async write<T>(task: () => Promise<T>): Promise<T> {
      while (writing) await writing;
      let done = (): void => undefined;
      writing = new Promise<void>((resolve) => {
        done = resolve;
      });
      try {
        if (readers > 0) {
          await new Promise<void>((resolve) => {
            readsEnded = resolve;
          });
        }
        readsEnded = undefined;
        return await task();
      } finally {
        writing = undefined;
        done();
      }
    },
  };
};
