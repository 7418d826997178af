/**
 * `npm run bench:api`: the whole article page (`GET /api/newsroom/articles/:slug/page`, over many
 * slugs) against Strapi's own core REST findOne (reference) and bare /_health (ceiling), on the
 * playground in production mode filled with synthetic articles. The three take turns for a few
 * rounds after a warm-up, and the medians are reported. Last line: JSON.
 *
 * Each role of `BENCH_ROLES` serves the same database in turn: `worker` (the default instance, which
 * holds the related index) and `serving` (`jobs.runWorker: false`, which holds none). Beside each
 * role's figures: the server's resident memory once it is ready and after the load.
 *
 * BENCH_ARTICLES=10000 BENCH_SLUGS=2000 BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=50 BENCH_RELATED=true BENCH_ROLES=worker
 */
import '../../support/test-env';
import fs from 'fs';
import os from 'os';
import path from 'path';
import autocannon from 'autocannon';
import { compileStrapi } from '@strapi/strapi';
import { median } from './support/args';
import { startBenchServer } from './support/server-process';
import { fillDatabase } from './support/api-fill';

const REPOSITORY = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(REPOSITORY, 'playground');
const DIST = path.join(PLAYGROUND, 'dist');
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const SLUGS = Number(process.env.BENCH_SLUGS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RELATED = process.env.BENCH_RELATED !== 'false';
const WARMUP_SECONDS = 2;
const ROLES = (process.env.BENCH_ROLES ?? 'worker').split(',');
const ROLE_CONFIG: Record<string, object> = { worker: {}, serving: { jobs: { runWorker: false } } };

interface Ready {
  port: number;
  slugs: string[];
  page: string;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

/** A process's resident memory in MiB, from the kernel (Linux). */
const rssMiB = (pid: number | undefined): number => {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(line[1]) / 1024);
};

const figuresOf = (result: autocannon.Result): Figures => ({ rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 });

const medianOf = (figures: Figures[]): Figures => ({
  rps: median(figures.map((f) => f.rps)),
  p50: median(figures.map((f) => f.p50)),
  p99: median(figures.map((f) => f.p99)),
});

/** Article pages, each request the next slug of the list (round robin). */
const pages = (base: string, slugs: string[], options: { duration?: number; amount?: number }): Promise<autocannon.Result> => {
  let next = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    ...options,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const slug = slugs[next % slugs.length];
          next += 1;
          return { ...request, path: `/api/newsroom/articles/${slug}/page` };
        },
      },
    ],
  });
};

const main = async (): Promise<void> => {
  const unknown = ROLES.filter((role) => !(role in ROLE_CONFIG));
  if (unknown.length > 0) throw new Error(`BENCH_ROLES takes worker and serving, not ${unknown.join(', ')}`);
  await compileStrapi({ appDir: PLAYGROUND });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-api-bench-'));
  const databaseFile = path.join(folder, 'data.db');
  try {
    console.log(`filling the playground with ${ARTICLES} articles${RELATED ? ' and rebuilding their related lists' : ' (no related lists)'}...`);
    const { rebuildSeconds } = await fillDatabase(databaseFile, ARTICLES, RELATED);
    if (RELATED) console.log(`related rebuild: ${rebuildSeconds.toFixed(1)} s`);
    for (const role of ROLES) await serve(role, databaseFile);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
};

const serve = async (role: string, databaseFile: string): Promise<void> => {
  const server = await startBenchServer<Ready>(path.join(__dirname, 'support', 'api-server.ts'), [PLAYGROUND, DIST, String(SLUGS)], {
    DATABASE_FILENAME: databaseFile,
    DEMO_SEED: 'false',
    PORT: String(process.env.BENCH_PORT ?? 1401),
    NEWSROOM_CONFIG: JSON.stringify(ROLE_CONFIG[role]),
  });
  try {
    const rssAtReadyMiB = rssMiB(server.child.pid);
    const base = `http://127.0.0.1:${server.ready.port}`;
    const healthUrl = `${base}/_health`;
    const findOneUrl = `${base}/api/pages/${server.ready.page}`;
    const { slugs } = server.ready;
    if (slugs.length < SLUGS) throw new Error(`only ${slugs.length} bench articles to read`);

    // Warm-up: every page once (the first read of a page assembles it), and the other two.
    const warm = await pages(base, slugs, { amount: slugs.length });
    if (warm.non2xx) throw new Error(`${warm.non2xx} article pages did not answer 200`);
    await autocannon({ url: healthUrl, connections: CONNECTIONS, duration: WARMUP_SECONDS });
    await autocannon({ url: findOneUrl, connections: CONNECTIONS, duration: WARMUP_SECONDS });

    const rounds: Array<{ health: Figures; coreFindOne: Figures; page: Figures; errors: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const health = figuresOf(await autocannon({ url: healthUrl, connections: CONNECTIONS, duration: SECONDS }));
      const coreFindOne = figuresOf(await autocannon({ url: findOneUrl, connections: CONNECTIONS, duration: SECONDS }));
      const result = await pages(base, slugs, { duration: SECONDS });
      rounds.push({ health, coreFindOne, page: figuresOf(result), errors: result.errors + result.timeouts + result.non2xx });
    }
    const page = medianOf(rounds.map((round) => round.page));
    const coreFindOne = medianOf(rounds.map((round) => round.coreFindOne));
    const health = medianOf(rounds.map((round) => round.health));
    const ratio = Math.round((page.rps / coreFindOne.rps) * 100) / 100;
    const errors = rounds.reduce((sum, round) => sum + round.errors, 0);
    const line = (name: string, figures: Figures) =>
      `${name.padEnd(32)} ${String(figures.rps).padStart(6)} req/s   p50 ${figures.p50} ms   p99 ${figures.p99} ms`;
    const rssAfterLoadMiB = rssMiB(server.child.pid);
    console.log(
      `${role} instance: ${ARTICLES} articles, ${slugs.length} different pages, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (medians)`,
    );
    console.log(line('GET /articles/:slug/page', page));
    console.log(line('core findOne GET /api/pages/:id', coreFindOne));
    console.log(line('GET /_health', health));
    console.log(
      `ratio page / core findOne: ${ratio}; page errors: ${errors}; resident memory ${rssAtReadyMiB} MiB when ready, ${rssAfterLoadMiB} MiB after the load`,
    );
    console.log(
      JSON.stringify({
        role,
        articles: ARTICLES,
        page,
        coreFindOne,
        health,
        ratio,
        slugs: slugs.length,
        relatedLists: RELATED,
        pageErrors: errors,
        rssAtReadyMiB,
        rssAfterLoadMiB,
      }),
    );
  } finally {
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
