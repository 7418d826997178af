/**
 * SQLite's driver is synchronous: its queries resolve as microtasks, so a long run of jobs would
 * never let the event loop reach timers and sockets. Awaited between jobs, batches and steps of
 * long computations, so that requests go first.
 */
export const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
