import { spawn, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';
import { PLAYGROUND_DIR, REPOSITORY_DIR } from '../../support/paths';
import { temporaryDatabase, removeDatabase } from '../../support/playground';

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const waitForHealth = async (url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
};

/** `strapi start` of the built playground in production mode, on a free port and a fresh seeded SQLite file. */
export const startServerProcess = async (): Promise<ServerProcess> => {
  const port = await freePort();
  const databaseFile = temporaryDatabase();
  const child = spawn(path.join(REPOSITORY_DIR, 'node_modules', '.bin', 'strapi'), ['start'], {
    cwd: PLAYGROUND_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: databaseFile,
      DEMO_SEED: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    removeDatabase(databaseFile);
  };
  try {
    await waitForHealth(url, child, () => log, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
};
