import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import os from 'os';
import path from 'path';
import { REPOSITORY_DIR } from '../../support/paths';

/**
 * What a user gets from npm: the plugin packed by `npm pack`, installed into a fresh Strapi 5
 * app written here from scratch (nothing copied from the playground), whose admin is built and
 * which then boots with the plugin working, through the Document Service and over HTTP.
 */

interface RunResult {
  output: string;
}

interface AppCheck {
  pluginPath: string;
  contentTypes: string[];
  published: { slug: string; publishedAt: string | null } | null;
  health: { indexed: number };
}

interface ErrorEnvelope {
  data: null;
  error: { status: number; name: string; message: string };
}

const lockfile = JSON.parse(readFileSync(path.join(REPOSITORY_DIR, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** The exact version this repository is tested with, so the fresh app matches it. */
const locked = (name: string): string => {
  const version = lockfile.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
};

const tail = (text: string): string => text.split('\n').slice(-60).join('\n');

/** The app's processes get none of the caller's database or mode settings: only the app's `.env`. */
const appEnvironment = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(DATABASE_|NODE_ENV$|HOST$|PORT$|LOG_LEVEL$|NEWSROOM_|DEMO_SEED$)/.test(key)) env[key] = value;
  }
  return { ...env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' };
};

/** Runs a command to completion; rejects with the end of its output when it exits non-zero. */
const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ output });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${tail(output)}`));
    });
  });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const secret = (): string => randomBytes(16).toString('base64');

/** A minimal Strapi 5 app as `create-strapi-app --js` would lay it out, with the plugin enabled. */
const writeApp = (appDir: string): void => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      {
        name: 'newsroom-pack-check',
        version: '0.0.0',
        private: true,
        dependencies: Object.fromEntries(
          ['@strapi/strapi', '@strapi/plugin-users-permissions', 'better-sqlite3', 'react', 'react-dom', 'react-router-dom', 'styled-components'].map(
            (name) => [name, locked(name)],
          ),
        ),
      },
      null,
      2,
    ),
    '.env': [
      `APP_KEYS=${[secret(), secret()].join(',')}`,
      `API_TOKEN_SALT=${secret()}`,
      `ADMIN_JWT_SECRET=${secret()}`,
      `TRANSFER_TOKEN_SALT=${secret()}`,
      `ENCRYPTION_KEY=${secret()}`,
      `JWT_SECRET=${secret()}`,
      '',
    ].join('\n'),
    'config/server.js': `module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
});
`,
    'config/database.js': `const path = require('path');

module.exports = ({ env }) => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.join(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')) },
    useNullAsDefault: true,
  },
});
`,
    'config/admin.js': `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
});
`,
    'config/api.js': `module.exports = {
  rest: { defaultLimit: 25, maxLimit: 100, withCount: true },
};
`,
    'config/middlewares.js': `module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`,
    'config/plugins.js': `module.exports = ({ env }) => ({
  newsroom: { enabled: true },
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
});
`,
    'src/index.js': `module.exports = {
  register() {},
  bootstrap() {},
};
`,
    // The default upload provider refuses to start without its folder.
    'public/uploads/.gitkeep': '',
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
    writeFileSync(path.join(appDir, file), content);
  }
};

/**
 * better-sqlite3's install downloads its native addon from GitHub, which CI cannot reach, and
 * compiling it instead takes minutes on a small machine. prebuild-install's offline source (a
 * `local_prebuilds` folder) hands it the addon this repository's `npm ci` built, same version and Node.
 */
const writeSqlitePrebuild = async (dir: string): Promise<NodeJS.ProcessEnv> => {
  const name = `better-sqlite3-v${locked('better-sqlite3')}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  const packageDir = path.join(REPOSITORY_DIR, 'node_modules', 'better-sqlite3');
  await run('tar', ['-czf', path.join(dir, name), '-C', packageDir, 'build/Release/better_sqlite3.node'], dir);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
};

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Polls Strapi's health route until the server answers, or fails with the server's output. */
const waitForServer = async (baseUrl: string, server: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`strapi start exited with ${server.exitCode}:\n${tail(output())}`);
    const answered = await fetch(`${baseUrl}/_health`).then(
      (response) => response.status === 204,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`strapi start did not answer within 120 s:\n${tail(output())}`);
};

/**
 * What a checkout holds to build the package, copied: `prepack` rebuilds dist/ there, not in the
 * repository, whose dist/ the database suites may be booting from meanwhile (`.ci/run` runs them
 * side by side). Inside the repository, so that the build finds its node_modules by walking up.
 */
const packSource = (): string => {
  const dir = mkdtempSync(path.join(REPOSITORY_DIR, '.pack-source-'));
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'server', 'admin']) {
    cpSync(path.join(REPOSITORY_DIR, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
};

describe('the npm pack tarball in a fresh Strapi 5 app', () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsroom-pack-'));
  const packDir = path.join(workDir, 'pack');
  const appDir = path.join(workDir, 'app');
  let tarball = '';
  let server: ChildProcess | undefined;
  let sourceDir: string | undefined;

  afterAll(async () => {
    if (server) await stop(server);
    rmSync(workDir, { recursive: true, force: true });
    if (sourceDir) rmSync(sourceDir, { recursive: true, force: true });
  });

  test('npm pack builds the plugin and ships dist, README and package.json only', async () => {
    mkdirSync(packDir);
    sourceDir = packSource();
    expect(existsSync(path.join(sourceDir, 'dist'))).toBe(false);
    // `prepack` builds dist/, so a clean checkout packs a working package.
    await run('npm', ['pack', '--pack-destination', packDir], sourceDir);
    const packed = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
    expect(packed).toHaveLength(1);
    tarball = path.join(packDir, packed[0]);

    const { output } = await run('tar', ['-tzf', tarball], workDir);
    const files = output.split('\n').filter((line) => line && !line.endsWith('/'));
    const outside = files.filter((file) => !/^package\/(dist\/.+|README\.md|package\.json|LICENSE(\..+)?)$/.test(file));
    expect(outside).toEqual([]);
    // What package.json's exports point at must be in the tarball.
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/dist/server/index.js',
        'package/dist/server/index.mjs',
        'package/dist/admin/index.js',
        'package/dist/admin/index.mjs',
        'package/dist/analysis-thread/index.js',
        'package/dist/cli/index.js',
      ]),
    );
  });

  test('installs into a fresh app with npm and the app builds its admin with the plugin', async () => {
    expect(tarball).not.toBe('');
    writeApp(appDir);
    const prebuild = await writeSqlitePrebuild(path.join(workDir, 'prebuilds'));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], appDir, {
      ...appEnvironment(),
      ...prebuild,
    });
    const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['strapi-plugin-newsroom']).toMatch(/\.tgz$/);

    await run(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['build'], appDir, appEnvironment());
  });

  test('boots with the plugin: its content types, publishing and related links work', async () => {
    copyFileSync(path.join(__dirname, 'app-check.js'), path.join(appDir, 'app-check.js'));
    const { output } = await run(process.execPath, ['app-check.js'], appDir, appEnvironment());
    const line = output
      .split('\n')
      .reverse()
      .find((candidate) => candidate.startsWith('{"pluginPath"'));
    if (!line) throw new Error(`app-check printed no result:\n${tail(output)}`);
    const check = JSON.parse(line) as AppCheck;

    // Loaded from the installed tarball, not from this repository.
    expect(check.pluginPath.startsWith(path.join(appDir, 'node_modules', 'strapi-plugin-newsroom') + path.sep)).toBe(true);
    expect(check.contentTypes).toEqual(
      expect.arrayContaining(['plugin::newsroom.article', 'plugin::newsroom.section', 'plugin::newsroom.ranking', 'plugin::newsroom.tag']),
    );
    expect(check.published).toEqual({ slug: 'packed-plugin-boots-in-a-fresh-app', publishedAt: expect.any(String) });
    expect(check.health.indexed).toBeGreaterThanOrEqual(1);
  });

  test('installs its CLI: the counters export runs in the app', async () => {
    const file = path.join(workDir, 'counters.jsonl');
    await run(path.join(appDir, 'node_modules', '.bin', 'strapi-newsroom'), ['counters:export', '--file', file], appDir, appEnvironment());
    const [header] = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(header)).toMatchObject({ format: 'strapi-plugin-newsroom/counters', version: 1 });
  });

  test('strapi start serves the admin and the plugin routes answer in the error envelope', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let output = '';
    server = spawn(path.join(appDir, 'node_modules', '.bin', 'strapi'), ['start'], {
      cwd: appDir,
      env: { ...appEnvironment(), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForServer(baseUrl, server, () => output);

    const admin = await fetch(`${baseUrl}/admin`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('<div id="strapi"');

    // No public grant in a fresh app: a 403, or a 404 once granted; never a 500.
    const ranking = await fetch(`${baseUrl}/api/newsroom/rankings/does-not-exist`);
    expect([403, 404]).toContain(ranking.status);
    const body = (await ranking.json()) as ErrorEnvelope;
    expect(body).toEqual({
      data: null,
      error: expect.objectContaining({ status: ranking.status, name: expect.any(String), message: expect.any(String) }),
    });
  });
});
