import { Worker } from 'worker_threads';

/**
 * SQLite copies its write-ahead log back into the database in whichever commit finds the log past
 * `wal_autocheckpoint` pages (1,000): that commit, an editor's save or a related-links job, takes
 * 10–20 ms longer. Here a thread with its own connection does it every second instead, beside the
 * app's connection, whose commits then never wait for one.
 */
const THREAD = `
const { workerData } = require('worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
`;

/**
 * Pages past which the app's own connection checkpoints anyway: the log starts over only when a
 * checkpoint has copied all of it, which the thread rarely manages in a long burst of writes.
 */
export const FALLBACK_AUTOCHECKPOINT = 20_000;

export const startWalCheckpoints = (filename: string, onError: (error: Error) => void, everyMs = 1000): Worker => {
  const worker = new Worker(THREAD, { eval: true, workerData: { filename, everyMs, driver: require.resolve('better-sqlite3') } });
  worker.on('error', onError);
  // Never what keeps the process alive.
  worker.unref();
  return worker;
};
