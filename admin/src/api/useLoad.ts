import { useCallback, useEffect, useState } from 'react';
import { problemOf, type ApiProblem } from './client';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; problem: ApiProblem }
  | { status: 'ready'; data: T };

/** Loads once per `key` and on `reload`; `set` replaces the data with a write's answer. */
export const useLoad = <T>(key: string, load: () => Promise<T>) => {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) => live && setState({ status: 'error', problem: problemOf(error) }),
    );
    return () => {
      live = false;
    };
    // `load` changes with every render of its caller; `key` says when it means something new.
  }, [key, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload, set };
};
