/**
 * `npm run bench:beacons`: the view beacon against Strapi's own core REST findOne (reference)
 * and bare /_health (ceiling), on the playground in production mode, at 50 and 200 connections;
 * then checks that every accepted view was counted exactly once. Last line: JSON.
 *
 * The machine is shared: at each concurrency the three endpoints take turns for a few rounds
 * (after a warm-up), and the medians are reported, so a burst of load elsewhere does not land on
 * one endpoint only. Each beacon request has its own User-Agent, so each is a distinct visitor:
 * the dedupe window stays at its default and nothing is deduplicated away.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import autocannon from 'autocannon';
import knex from 'knex';
import { compileStrapi } from '@strapi/strapi';
import { median } from './support/args';
import { startBenchServer, type BenchServer } from './support/server-process';

const REPOSITORY = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(REPOSITORY, 'playground');
const DIST = path.join(PLAYGROUND, 'dist');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Beacons are driven by count, not time: autocannon then waits for every response, so each
// request the server accepted is seen as accepted (a timed run drops those in flight at the end).
const BEACONS = Number(process.env.BENCH_BEACONS ?? 8_000);
const WARMUP_SECONDS = 2;
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50,200').split(',').map(Number);

interface Ready {
  port: number;
  articles: string[];
  page: string;
}

interface Figures {
  rps: number;
  p99: number;
}

interface Writes {
  flushes: number;
  maxWritesPerArticlePerFlush: number;
}

const startServer = (databaseFile: string, port: number, seed: boolean): Promise<BenchServer<Ready>> =>
  startBenchServer<Ready>(path.join(__dirname, 'support', 'beacons-server.ts'), [PLAYGROUND, DIST], {
    DATABASE_FILENAME: databaseFile,
    DEMO_SEED: seed ? 'true' : 'false',
    // Every stored view must be one this benchmark sent.
    DEMO_VIEWS: 'false',
    PORT: String(port),
  });

const figuresOf = (result: autocannon.Result): Figures => ({ rps: Math.round(result.requests.average), p99: result.latency.p99 });

const load = (options: autocannon.Options): Promise<autocannon.Result> => autocannon(options);

const medianOf = (figures: Figures[]): Figures => ({ rps: median(figures.map((f) => f.rps)), p99: median(figures.map((f) => f.p99)) });

/** Beacons over every article, each from a new visitor; returns the 202s seen per article. */
const driveBeacons = async (base: string, articles: string[], connections: number, amount: number, run: string) => {
  const accepted = new Map<string, number>();
  // One request in flight per connection: its context names the article of its response.
  const articleOf = new WeakMap<object, string>();
  let sent = 0;
  const result = await load({
    url: base,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const article = articles[sent % articles.length];
          sent += 1;
          articleOf.set(context, article);
          return {
            ...request,
            path: `/api/newsroom/articles/${article}/views`,
            headers: { 'user-agent': `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 reader-${run}-${sent}` },
          };
        },
        onResponse: (status, _body, context) => {
          const article = articleOf.get(context);
          if (status === 202 && article) accepted.set(article, (accepted.get(article) ?? 0) + 1);
        },
      },
    ],
  });
  return { result, accepted };
};

const countedViews = async (databaseFile: string): Promise<Map<string, number>> => {
  const db = knex({ client: 'better-sqlite3', connection: { filename: databaseFile }, useNullAsDefault: true });
  try {
    const rows: Array<{ document_id: string; count: number }> = await db('newsroom_counter_totals')
      .select('document_id', 'count')
      .where({ metric: 'view', locale: 'en' });
    return new Map(rows.map((row) => [row.document_id, Number(row.count)]));
  } finally {
    await db.destroy();
  }
};

const main = async (): Promise<void> => {
  await compileStrapi({ appDir: PLAYGROUND });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-beacons-'));
  const seeded = path.join(folder, 'seeded.db');
  const port = Number(process.env.BENCH_PORT ?? 1400);
  console.log('seeding the demo database...');
  await (await startServer(seeded, port, true)).stop();

  const runs = [];
  for (const connections of CONNECTIONS) {
    const databaseFile = path.join(folder, `run-${connections}.db`);
    fs.copyFileSync(seeded, databaseFile);
    const server = await startServer(databaseFile, port, false);
    const base = `http://127.0.0.1:${server.ready.port}`;
    const healthUrl = `${base}/_health`;
    const pageUrl = `${base}/api/pages/${server.ready.page}`;
    const accepted = new Map<string, number>();
    const drive = async (amount: number, run: string): Promise<autocannon.Result> => {
      const beacons = await driveBeacons(base, server.ready.articles, connections, amount, run);
      for (const [article, count] of beacons.accepted) accepted.set(article, (accepted.get(article) ?? 0) + count);
      return beacons.result;
    };
    // Warm-up (its beacons are checked with the rest).
    await load({ url: healthUrl, connections, duration: WARMUP_SECONDS });
    await load({ url: pageUrl, connections, duration: WARMUP_SECONDS });
    await drive(BEACONS / 10, `${connections}-warmup`);
    const rounds: Array<{ health: Figures; coreFindOne: Figures; beacon: Figures; errors: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const health = figuresOf(await load({ url: healthUrl, connections, duration: SECONDS }));
      const coreFindOne = figuresOf(await load({ url: pageUrl, connections, duration: SECONDS }));
      const result = await drive(BEACONS, `${connections}-${round}`);
      rounds.push({ health, coreFindOne, beacon: figuresOf(result), errors: result.errors + result.timeouts + result.non2xx });
    }
    const writes = (await server.stop()) as Writes;

    const counted = await countedViews(databaseFile);
    let lost = 0;
    let doubled = 0;
    for (const article of new Set([...accepted.keys(), ...counted.keys()])) {
      const difference = (counted.get(article) ?? 0) - (accepted.get(article) ?? 0);
      if (difference < 0) lost -= difference;
      else doubled += difference;
    }
    const beacon = medianOf(rounds.map((round) => round.beacon));
    const coreFindOne = medianOf(rounds.map((round) => round.coreFindOne));
    const health = medianOf(rounds.map((round) => round.health));
    const run = {
      connections,
      beacon,
      coreFindOne,
      health,
      ratio: Math.round((beacon.rps / coreFindOne.rps) * 100) / 100,
      lost,
      doubled,
      dbWritesPerArticlePerFlush: writes.maxWritesPerArticlePerFlush,
      accepted: [...accepted.values()].reduce((sum, count) => sum + count, 0),
      beaconErrors: rounds.reduce((sum, round) => sum + round.errors, 0),
      flushes: writes.flushes,
      rounds: rounds.length,
    };
    console.log(
      `${connections} connections: beacon ${beacon.rps} req/s (p99 ${beacon.p99} ms), core findOne ${coreFindOne.rps} req/s (p99 ${coreFindOne.p99} ms), ` +
        `/_health ${health.rps} req/s (p99 ${health.p99} ms); ratio ${run.ratio}; ${run.accepted} views accepted, lost ${lost}, doubled ${doubled}; ` +
        `${run.flushes} flushes, at most ${run.dbWritesPerArticlePerFlush} write(s) per article per table per flush`,
    );
    runs.push(run);
  }
  fs.rmSync(folder, { recursive: true, force: true });
  console.log(JSON.stringify({ runs }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
