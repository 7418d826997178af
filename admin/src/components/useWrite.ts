import { useState } from 'react';
import { problemOf, type ApiProblem } from '../api/client';

/** One write at a time from a panel: busy while it runs, its problem if it fails. */
export const useWrite = <T>(onDone: (data: T) => void) => {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (write: () => Promise<T>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await write());
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, run };
};
