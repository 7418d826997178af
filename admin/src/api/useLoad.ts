import { useCallback, useEffect, useState } from 'react';
import { problemOf, type ApiProblem } from './client';

export type Load<T> = { status: 'loading' } | { status: 'error'; problem: ApiProblem } | { status: 'ready'; data: T };

const LOADING = { status: 'loading' } as const;

/** Loads once per `key` and on `reload`; `set` replaces the data with a write's answer. */
export const useLoad = <T>(key: string, load: () => Promise<T>) => {
  const [round, setRound] = useState(0);
  const request = `${round}\u0000${key}`;
  const [answer, setAnswer] = useState<{ request: string; state: Load<T> }>({ request, state: LOADING });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setAnswer({ request, state: { status: 'ready', data } }),
      (error: unknown) => live && setAnswer({ request, state: { status: 'error', problem: problemOf(error) } }),
    );
    return () => {
      live = false;
    };
    // `load` changes with every render of its caller; `request` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  // While the next request loads, data already shown stays; an error gives way to loading.
  const state: Load<T> = answer.request === request || answer.state.status === 'ready' ? answer.state : LOADING;
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const set = useCallback((data: T) => setAnswer((current) => ({ request: current.request, state: { status: 'ready', data } })), []);
  return { state, reload, set };
};
