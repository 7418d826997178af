/**
 * npm run bench:related -- --sizes 1000,10000,100000 [--db sqlite|postgres|mysql] [--saves 100] [--warmup 0] [--heap 640]
 *
 * For each corpus size, in a fresh process and database: boots the playground, fills the real
 * article tables with synthetic published articles, indexes them with the plugin's full rebuild
 * (timed), then publishes `saves` edited articles through the Document Service and records, per
 * save, how long the worker took to store the saved article's own list and to refresh every
 * affected neighbour's list. `--warmup` saves go first and are not counted: the first saves after
 * a rebuild run cold code, so without them the p95 of a short run measures the warm-up too.
 * Prints a table; the last line is JSON.
 *
 * Each size runs in a process of its own with V8's old space limited to `--heap` MiB (0: V8's
 * default), as the README advises for large sites: without a limit, V8 on a machine with plenty
 * of memory lets garbage grow to about four times the live heap before it collects.
 */
import { spawnSync } from 'child_process';
import { performance } from 'perf_hooks';
import '../../support/test-env';
import { compileStrapi, type Core } from '@strapi/strapi';
import { getService } from '../../server/src/services/access';
import { documentsOf } from '../../support/documents';
import { PLAYGROUND_DIR } from '../../support/paths';
import { removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { databaseClients, type DatabaseClient } from '../../support/test-database';
import { parseArgs, percentile, round } from './support/args';
import { insertSyntheticArticles, syntheticBody, withoutConsistencyCheck } from './support/fill';
import { createCorpus, createRandom, defaultShape } from './support/synthetic-articles';

interface RecomputeEvent {
  documentId: string;
  ownMs: number;
  neighboursMs: number;
  neighbours: number;
}

interface SizeResult {
  n: number;
  own: { p50: number; p95: number };
  neighbours: { p50: number; p95: number; meanCount: number };
  rebuildSeconds: number;
  peakRssMiB: number;
}

const ARTICLE = 'plugin::newsroom.article';

const runSize = async (n: number, saves: number, warmup: number, db: DatabaseClient): Promise<SizeResult> => {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const databaseFile = temporaryDatabase();
  let strapi: Core.Strapi | undefined;
  try {
    withoutConsistencyCheck();
    strapi = await startPlayground({ databaseFile, client: db });
    const related = getService(strapi, 'related');
    const corpus = createCorpus(42, defaultShape(n));
    const { documentIds, stories } = await insertSyntheticArticles(strapi, corpus, n);

    const rebuildStarted = performance.now();
    await related.startRebuild();
    await related.settle();
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const status = await related.rebuildStatus();
    if (status?.status !== 'done') throw new Error(`rebuild ended ${status?.status}: ${status?.error}`);

    const events = new Map<string, RecomputeEvent>();
    strapi.eventHub.on('newsroom.related.recomputed', async (event: RecomputeEvent) => {
      events.set(event.documentId, event);
    });
    const random = createRandom(7);
    const own: number[] = [];
    const neighbours: number[] = [];
    const counts: number[] = [];
    for (let save = 0; save < warmup + saves; save += 1) {
      const index = Math.floor(random() * documentIds.length);
      const documentId = documentIds[index];
      const edited = corpus(n + save, stories[index]);
      events.delete(documentId);
      const articles = documentsOf<{ documentId: string }>(strapi, ARTICLE);
      await articles.update({ documentId, locale: 'en', data: { title: edited.title, dek: edited.dek, body: syntheticBody(edited) } });
      await articles.publish({ documentId, locale: 'en' });
      await related.settle();
      const event = events.get(documentId);
      if (!event) throw new Error(`no recompute recorded for save ${save}`);
      if (save < warmup) continue;
      own.push(event.ownMs);
      neighbours.push(event.neighboursMs);
      counts.push(event.neighbours);
    }
    return {
      n,
      own: { p50: round(percentile(own, 50)), p95: round(percentile(own, 95)) },
      neighbours: {
        p50: round(percentile(neighbours, 50)),
        p95: round(percentile(neighbours, 95)),
        meanCount: round(counts.reduce((a, b) => a + b, 0) / counts.length, 1),
      },
      rebuildSeconds: round(rebuildSeconds, 1),
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await stopPlayground(strapi);
    await removeDatabase(databaseFile, db);
  }
};

const main = async (): Promise<void> => {
  const options = parseArgs(process.argv.slice(2), { sizes: '1000,10000', db: 'sqlite', saves: '100', warmup: '0', only: '', heap: '640' });
  const db = databaseClients.find((client) => client === options.db);
  if (!db) throw new Error(`--db must be one of ${databaseClients.join(', ')}`);
  const saves = Number(options.saves);
  if (!Number.isInteger(saves) || saves < 1) throw new Error('--saves must be a positive integer');
  const warmup = Number(options.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup must be a whole number of saves');
  const heap = Number(options.heap);
  if (!Number.isInteger(heap) || heap < 0) throw new Error("--heap takes MiB (0 for V8's default)");

  if (options.only) {
    // Child mode: one size, one process, so peak memory is this size's alone.
    process.env.LOG_LEVEL = 'error';
    const result = await runSize(Number(options.only), saves, warmup, db);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }

  const sizes = options.sizes.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 10)) throw new Error('--sizes takes integers of at least 10, comma separated');
  await compileStrapi({ appDir: PLAYGROUND_DIR });
  const results: SizeResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`bench:related: ${size} articles...\n`);
    const nodeOptions = [
      ...process.execArgv.filter((option) => !option.startsWith('--max-old-space-size')),
      ...(heap > 0 ? [`--max-old-space-size=${heap}`] : []),
    ];
    const child = spawnSync(
      process.execPath,
      [...nodeOptions, __filename, '--only', String(size), '--saves', String(saves), '--warmup', String(warmup), '--db', options.db],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = child.stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
    if (child.status !== 0 || !line) throw new Error(`run at ${size} articles failed (exit ${child.status})`);
    results.push(JSON.parse(line.slice('RESULT '.length)) as SizeResult);
  }

  const limit = heap > 0 ? `old space limited to ${heap} MiB` : "V8's default heap limit";
  const counted = warmup > 0 ? `${saves} saves per size after ${warmup} not counted` : `${saves} saves per size`;
  console.log(`\nrelated links on ${options.db}, ${counted}, ${limit} (milliseconds from the job's start)`);
  console.table(
    results.map((result) => ({
      articles: result.n,
      'own p50': result.own.p50,
      'own p95': result.own.p95,
      'neighbours p50': result.neighbours.p50,
      'neighbours p95': result.neighbours.p95,
      'neighbours per save': result.neighbours.meanCount,
      'rebuild s': result.rebuildSeconds,
      'peak RSS MiB': result.peakRssMiB,
    })),
  );
  console.log(JSON.stringify({ db: options.db, heapLimitMiB: heap > 0 ? heap : null, warmupSaves: warmup, sizes: results }));
};

main().catch((error: unknown) => {
  // Database errors quote their whole statement: the start says what went wrong.
  console.error(String(error instanceof Error ? error.message : error).slice(0, 1500));
  process.exit(1);
});
