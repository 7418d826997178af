/**
 * Starts a bench server script (the playground in production mode) in a child process and waits
 * for its `BENCH_READY {json}` line; `stop()` sends SIGTERM (Strapi's own shutdown) and answers
 * the JSON of the script's `BENCH_STOPPED {json}` line, or null when it printed none.
 */
import { spawn, type ChildProcess } from 'child_process';

export interface BenchServer<Ready> {
  child: ChildProcess;
  ready: Ready;
  stop(): Promise<unknown>;
}

const secret = (): string => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);

export const startBenchServer = <Ready>(script: string, args: string[], env: Record<string, string>): Promise<BenchServer<Ready>> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_CLIENT: 'sqlite',
        HOST: '127.0.0.1',
        // The same for every endpoint: no request log line on stdout.
        LOG_LEVEL: 'warn',
        APP_KEYS: `${secret()},${secret()}`,
        API_TOKEN_SALT: secret(),
        ADMIN_JWT_SECRET: secret(),
        TRANSFER_TOKEN_SALT: secret(),
        ENCRYPTION_KEY: secret(),
        JWT_SECRET: secret(),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let stopped: unknown = null;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      let newline: number;
      while ((newline = output.indexOf('\n')) >= 0) {
        const line = output.slice(0, newline);
        output = output.slice(newline + 1);
        if (line.startsWith('BENCH_READY ')) {
          resolve({
            child,
            ready: JSON.parse(line.slice('BENCH_READY '.length)) as Ready,
            stop: () =>
              new Promise((done) => {
                child.once('exit', () => done(stopped));
                child.kill('SIGTERM');
              }),
          });
        } else if (line.startsWith('BENCH_STOPPED ')) stopped = JSON.parse(line.slice('BENCH_STOPPED '.length));
      }
    });
    child.once('exit', (code) => reject(new Error(`the playground exited with ${code} before it was ready`)));
  });
