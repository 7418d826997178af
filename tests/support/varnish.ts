import { spawn, type ChildProcess } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import os from 'os';
import path from 'path';
import { PLAYGROUND_DIR } from '../../support/paths';

export interface Varnish {
  url: string;
  stop(): Promise<void>;
}

/** A port free right now (the OS picks it; closed again before use). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitForPort = async (url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited with code ${child.exitCode}`);
    try {
      await fetch(url, { method: 'HEAD' });
      return;
    } catch {
      if (Date.now() > until) throw new Error('varnishd did not start listening');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/**
 * Debian's varnishd (with varnish-modules' xkey) in the foreground on `port`, with the
 * playground's VCL pointed at `backendPort`.
 */
export const startVarnish = async (port: number, backendPort: number): Promise<Varnish> => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsroom-varnish-'));
  // Run as root, varnishd drops to its own user, which must reach its working directory.
  chmodSync(workDir, 0o755);
  const vcl = readFileSync(path.join(PLAYGROUND_DIR, 'varnish', 'default.vcl'), 'utf8').replace('.port = "1337";', `.port = "${backendPort}";`);
  const vclFile = path.join(workDir, 'default.vcl');
  writeFileSync(vclFile, vcl);
  const child = spawn('varnishd', ['-F', '-n', workDir, '-a', `127.0.0.1:${port}`, '-f', vclFile, '-s', 'malloc,32m', '-p', 'thread_pool_min=5'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(url, child);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
};
