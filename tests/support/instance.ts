import { spawn } from 'child_process';
import readline from 'readline';
import { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR } from '../../support/paths';
import { databaseEnv } from '../../support/test-database';

export interface Instance {
  url: string;
  /** The child process's id (to read its memory in `/proc`). */
  pid: number;
  send<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown work at all, as in a crash. */
  kill(): Promise<void>;
}

/** Starts the playground in a child process on the database `handle` (see `instance-process.js`). */
export const startInstance = (handle: string, env: Record<string, string> = {}): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('./instance-process.js'), JSON.stringify({ PLAYGROUND_DIR, PLAYGROUND_DIST_DIR })], {
      env: { ...process.env, ...databaseEnv(handle), DEMO_SEED: 'false', ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    let next = 0;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('exit', (code) => {
      const error = new Error(`instance exited with code ${code}`);
      reject(error);
      for (const pending of waiting.values()) pending.reject(error);
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string };
      if (message.ready && message.url) {
        resolve({
          url: message.url,
          pid: Number(child.pid),
          send: <T>(command: string, args?: Record<string, unknown>) =>
            new Promise<T>((done, fail) => {
              const id = next++;
              waiting.set(id, { resolve: (value) => done(value as T), reject: fail });
              child.stdin.write(`${JSON.stringify({ id, command, args })}\n`);
            }),
          async stop() {
            child.stdin.write(`${JSON.stringify({ id: next++, command: 'stop' })}\n`);
            await exited;
          },
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
        });
        return;
      }
      const pending = message.id === undefined ? undefined : waiting.get(message.id);
      if (!pending || message.id === undefined) return;
      waiting.delete(message.id);
      if (message.error) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
  });
