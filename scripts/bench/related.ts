/**
 * npm run bench:related -- --sizes 1000,10000,100000 [--db sqlite|postgres|mysql] [--saves 100] [--warmup 0] [--heap 640[,1536,...]] [--young 8[,0,...]] [--again true] [--during true]
 *
 * For each corpus size, in a fresh process and database: boots the playground, fills the real
 * article tables with synthetic published articles, indexes them with the plugin's full rebuild
 * (timed), then publishes `saves` edited articles through the Document Service and records, per
 * save, how long the worker took to store the saved article's own list and to refresh every
 * affected neighbour's list (`ownParts`: how the first splits into reading the article, indexing
 * it, computing its list and storing it). `--warmup` saves go first and are not counted: the first saves after
 * a rebuild run cold code, so without them the p95 of a short run measures the warm-up too.
 * While the rebuild runs, this process asks the app's `/_health` every 50 ms and reports the
 * latency of its answers (p50, p99, max): whether the site keeps answering. After the rebuild it
 * reads `distinctTerms` (the engine's term dictionary) and `bytesPerArticle`: the heap after a
 * full GC plus ArrayBuffers, less the same before the rebuild, per article (the app runs with
 * `--expose-gc` for it). Prints a table; the last line is JSON.
 *
 * Each size runs in a process of its own with V8's old space limited to `--heap` MiB (0: V8's
 * default; one limit for every size, or one per size), as the README advises for large sites:
 * without a limit, V8 on a machine with plenty of memory lets garbage grow to about four times the
 * live heap before it collects. `--young` sets V8's semi-space (`--max-semi-space-size`, MiB; 0:
 * V8's default, 16), as the README also advises: the young generation is two of them, and a
 * large one holds more garbage resident between scavenges. The peak RSS is printed for the whole
 * run and for each of its phases (start-up and fill, rebuild, saves), with the allocator the app
 * ran with (run the bench with `LD_PRELOAD` naming jemalloc to measure it with jemalloc).
 *
 * With `--again true`, a second full rebuild runs after the saves (`rebuildAgainSeconds`, its stages
 * in `rebuildAgainStages`, its peak RSS in `peakRssByPhaseMiB.again`): the content barely changed,
 * as before a nightly pass. With `--during true`, an editor saves an article a third through the
 * first rebuild's index phase (`saveDuringIndex`: seconds until its list was stored, and the stage
 * then); `/_health` by stage shows whether the site waited meanwhile.
 *
 * Before and after each size, this process times a fixed piece of the engine's work
 * (`yardstickMs`, the median of five runs of about a second and a half): runs on other days, or
 * on a machine slowed by its neighbours, compare in proportion to it.
 */
import { spawn } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { createInterface } from 'readline';
import { performance } from 'perf_hooks';
import '../../support/test-env';
import { compileStrapi, type Core } from '@strapi/strapi';
import { getService, type Services } from '../../server/src/services/access';
import { documentsOf } from '../../support/documents';
import { PLAYGROUND_DIR } from '../../support/paths';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { databaseClients, type DatabaseClient } from '../../support/test-database';
import { parseArgs, percentile, round } from './support/args';
import { insertSyntheticArticles, syntheticBody, withoutConsistencyCheck } from './support/fill';
import { pollHealth, type HealthLatency } from './support/health-poller';
import { yardstickMs } from './support/machine-speed';
import { bytesAtRest, bytesPerArticle } from './support/memory-at-rest';
import { createCorpus, createRandom, defaultShape } from './support/synthetic-articles';

interface RecomputeEvent {
  documentId: string;
  ownMs: number;
  ownParts: Record<OwnPart, number>;
  neighboursMs: number;
  neighbours: number;
}

/** The 50th and 95th percentiles, as the table prints them. */
const medianAnd95 = (values: number[]): { p50: number; p95: number } => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });

type OwnPart = 'readMs' | 'indexMs' | 'listMs' | 'storeMs';
const OWN_PARTS: OwnPart[] = ['readMs', 'indexMs', 'listMs', 'storeMs'];

interface SizeResult {
  n: number;
  own: { p50: number; p95: number };
  /** Where the own list's time goes (see `RecomputeTimings.ownParts`): p50 and p95 of each part. */
  ownParts: Record<OwnPart, { p50: number; p95: number }>;
  neighbours: { p50: number; p95: number; meanCount: number };
  rebuildSeconds: number;
  /** The rebuild's stages, read from its record once a second: seconds and peak RSS (MiB) of each. */
  rebuildStages: StagedRebuild['stages'];
  /** A second full rebuild after the saves (`--again`), in seconds, and its stages. */
  rebuildAgainSeconds?: number;
  rebuildAgainStages?: StagedRebuild['stages'];
  /** With `--during`: an article saved a third through the first rebuild's index phase, and when its list was stored. */
  saveDuringIndex?: { listAfterSeconds: number; storedIn: RebuildStage | 'after' };
  /** `/_health` answers during the rebuild, in ms (filled in by the parent process). */
  healthDuringRebuild?: HealthLatency;
  /** The machine's speed just before and after the size ran (`yardstickMs`, filled in by the parent process). */
  yardstickMs?: { before: number; after: number };
  distinctTerms: number;
  bytesPerArticle: number | null;
  peakRssMiB: number;
  peakRssByPhaseMiB: Record<Phase, number>;
  /** `process.memoryUsage()` at the peak RSS (`external` includes `arrayBuffers`). */
  atPeakMiB: { heapTotal: number; heapUsed: number; arrayBuffers: number; external: number } & Partial<ResidentParts>;
  heapLimitMiB: number | null;
  semiSpaceMiB: number | null;
  /** The app's memory allocator: glibc's, or jemalloc when `LD_PRELOAD` loads it (see the deployment guide). */
  allocator: 'glibc' | 'jemalloc';
}

interface StagedRebuild {
  seconds: number;
  stages: Record<RebuildStage, { seconds: number; peakRssMiB: number }>;
}

type RelatedService = Services['related'];

type Phase = 'fill' | 'rebuild' | 'saves' | 'again';

/**
 * `index`: every article read and analysed; `reprofile`: from the lists phase's start to its first
 * batch stored (the full reprofile and the stories, then one batch of lists); `lists`: the rest.
 */
type RebuildStage = 'index' | 'reprofile' | 'lists';
const REBUILD_STAGES: RebuildStage[] = ['index', 'reprofile', 'lists'];

/** Resident memory by kind, in MiB (Linux): anonymous (heaps, malloc) and file-backed (code, mapped files). */
interface ResidentParts {
  rssAnon: number;
  rssFile: number;
}

const residentParts = (): ResidentParts | Record<string, never> => {
  if (!existsSync('/proc/self/status')) return {};
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssAnon: Math.round(kib('RssAnon') / 1024), rssFile: Math.round(kib('RssFile') / 1024) };
};

const ARTICLE = 'plugin::newsroom.article';

/** `again`: a second full rebuild after the saves; `during`: one save a third through the first rebuild's index phase. */
interface Extras {
  again: boolean;
  during: boolean;
}

const runSize = async (
  n: number,
  saves: number,
  warmup: number,
  db: DatabaseClient,
  heap: number,
  young: number,
  { again, during }: Extras,
): Promise<SizeResult> => {
  const peaks: Record<Phase, number> = { fill: 0, rebuild: 0, saves: 0, again: 0 };
  let phase: Phase = 'fill';
  // What the process held at its highest: V8's heap (live and garbage) against the rest.
  let atPeak = process.memoryUsage();
  let residentAtPeak = residentParts();
  let stagePeaks: Record<RebuildStage, number> = { index: 0, reprofile: 0, lists: 0 };
  let stage: RebuildStage | undefined;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peaks[phase] = Math.max(peaks[phase], usage.rss);
    if (stage) stagePeaks[stage] = Math.max(stagePeaks[stage], usage.rss);
    if (usage.rss <= atPeak.rss) return;
    atPeak = usage;
    residentAtPeak = residentParts();
  };
  const enter = (next: Phase): void => {
    sample();
    phase = next;
  };
  const sampler = setInterval(sample, 50);
  const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);

  /** A full rebuild, timed by stage as its record shows them (read once a second); `announce` hears each stage as it begins. */
  const rebuildInStages = async (
    related: RelatedService,
    announce: (stage: RebuildStage) => void = () => undefined,
    midway?: () => Promise<void>,
  ): Promise<StagedRebuild> => {
    stagePeaks = { index: 0, reprofile: 0, lists: 0 };
    const stageMs: Record<RebuildStage, number> = { index: 0, reprofile: 0, lists: 0 };
    let stageStarted = 0;
    const rebuildStarted = performance.now();
    const enterStage = (next: RebuildStage | undefined): void => {
      sample();
      const now = performance.now();
      if (stage) stageMs[stage] = now - stageStarted;
      stage = next;
      if (next) announce(next);
      stageStarted = now;
    };
    enterStage('index');
    const started = await related.startRebuild();
    let listsFrom: number | undefined;
    let reading = false;
    let midwayDone: Promise<void> | undefined;
    const stages = setInterval(() => {
      if (reading) return;
      reading = true;
      related
        .rebuildStatus()
        .then((status) => {
          // A third of the articles indexed (`total` counts each twice: index and lists).
          if (midway && !midwayDone && status?.id === started.id && status.phase === 'index' && status.done >= status.total / 6) midwayDone = midway();
          if (status?.id !== started.id || status.phase !== 'lists') return;
          if (stage === 'index') {
            listsFrom = status.done;
            enterStage('reprofile');
          } else if (stage === 'reprofile' && listsFrom !== undefined && status.done > listsFrom) enterStage('lists');
        })
        .finally(() => {
          reading = false;
        });
    }, 1000);
    await related.settle();
    clearInterval(stages);
    await midwayDone;
    enterStage(undefined);
    const seconds = round((performance.now() - rebuildStarted) / 1000, 1);
    const status = await related.rebuildStatus();
    if (status?.status !== 'done') throw new Error(`rebuild ended ${status?.status}: ${status?.error}`);
    return {
      seconds,
      stages: Object.fromEntries(
        REBUILD_STAGES.map((name) => [name, { seconds: round(stageMs[name] / 1000, 1), peakRssMiB: mib(stagePeaks[name]) }]),
      ) as StagedRebuild['stages'],
    };
  };

  const databaseFile = temporaryDatabase();
  let strapi: Core.Strapi | undefined;
  try {
    withoutConsistencyCheck();
    strapi = await startPlayground({ databaseFile, client: db });
    const related = getService(strapi, 'related');
    const corpus = createCorpus(42, defaultShape());
    const { documentIds, stories } = await insertSyntheticArticles(strapi, corpus, n);
    const base = await listen(strapi);

    const events = new Map<string, RecomputeEvent>();
    strapi.eventHub.on('newsroom.related.recomputed', async (event: RecomputeEvent) => {
      events.set(event.documentId, event);
    });
    const articles = documentsOf<{ documentId: string }>(strapi, ARTICLE);

    /** An editor's save while the index phase runs: seconds until its job stored its list, and the stage it was stored in. */
    let savedDuringIndex: SizeResult['saveDuringIndex'];
    const saveDuringIndex = async (): Promise<void> => {
      const index = Math.floor(n / 2);
      const documentId = documentIds[index];
      const edited = corpus(2 * n, stories[index]);
      const key = { documentId, locale: 'en' };
      const before = JSON.stringify(await related.getList(key));
      const savedAt = performance.now();
      await articles.update({ ...key, data: { title: edited.title, dek: edited.dek, body: syntheticBody(edited) } });
      await articles.publish(key);
      // Its job, or the rebuild if its index phase reads the new version first: whichever stores the new list.
      while (JSON.stringify(await related.getList(key)) === before) await new Promise((resolve) => setTimeout(resolve, 100));
      savedDuringIndex = { listAfterSeconds: round((performance.now() - savedAt) / 1000, 1), storedIn: stage ?? 'after' };
    };

    const baseline = bytesAtRest();
    // The parent process polls /_health from here to the end of the rebuild.
    process.stdout.write(`HEALTH_START ${base}/_health\n`);
    enter('rebuild');
    const rebuilt = await rebuildInStages(related, (stage) => process.stdout.write(`HEALTH_STAGE ${stage}\n`), during ? saveDuringIndex : undefined);
    process.stdout.write('HEALTH_STOP\n');
    const atRest = bytesAtRest();
    const distinctTerms = related.engineStats().terms;

    enter('saves');
    const random = createRandom(7);
    const own: number[] = [];
    const ownParts = Object.fromEntries(OWN_PARTS.map((part) => [part, [] as number[]])) as Record<OwnPart, number[]>;
    const neighbours: number[] = [];
    const counts: number[] = [];
    for (let save = 0; save < warmup + saves; save += 1) {
      const index = Math.floor(random() * documentIds.length);
      const documentId = documentIds[index];
      const edited = corpus(n + save, stories[index]);
      events.delete(documentId);
      await articles.update({ documentId, locale: 'en', data: { title: edited.title, dek: edited.dek, body: syntheticBody(edited) } });
      await articles.publish({ documentId, locale: 'en' });
      await related.settle();
      const event = events.get(documentId);
      if (!event) throw new Error(`no recompute recorded for save ${save}`);
      if (save < warmup) continue;
      own.push(event.ownMs);
      for (const part of OWN_PARTS) ownParts[part].push(event.ownParts[part]);
      neighbours.push(event.neighboursMs);
      counts.push(event.neighbours);
    }
    let rebuiltAgain: StagedRebuild | undefined;
    if (again) {
      enter('again');
      rebuiltAgain = await rebuildInStages(related);
    }
    sample();
    return {
      n,
      own: medianAnd95(own),
      ownParts: Object.fromEntries(OWN_PARTS.map((part) => [part, medianAnd95(ownParts[part])])) as SizeResult['ownParts'],
      neighbours: {
        ...medianAnd95(neighbours),
        meanCount: round(counts.reduce((a, b) => a + b, 0) / counts.length, 1),
      },
      rebuildSeconds: rebuilt.seconds,
      rebuildStages: rebuilt.stages,
      ...(rebuiltAgain ? { rebuildAgainSeconds: rebuiltAgain.seconds, rebuildAgainStages: rebuiltAgain.stages } : {}),
      ...(savedDuringIndex ? { saveDuringIndex: savedDuringIndex } : {}),
      distinctTerms,
      bytesPerArticle: bytesPerArticle(baseline, atRest, n),
      peakRssMiB: mib(Math.max(...Object.values(peaks))),
      peakRssByPhaseMiB: { fill: mib(peaks.fill), rebuild: mib(peaks.rebuild), saves: mib(peaks.saves), again: mib(peaks.again) },
      atPeakMiB: {
        heapTotal: mib(atPeak.heapTotal),
        heapUsed: mib(atPeak.heapUsed),
        arrayBuffers: mib(atPeak.arrayBuffers),
        external: mib(atPeak.external),
        ...residentAtPeak,
      },
      heapLimitMiB: heap > 0 ? heap : null,
      semiSpaceMiB: young > 0 ? young : null,
      allocator: process.env.LD_PRELOAD?.includes('jemalloc') ? 'jemalloc' : 'glibc',
    };
  } finally {
    clearInterval(sampler);
    await stopPlayground(strapi);
    await removeDatabase(databaseFile, db);
  }
};

/** Runs one size in a child process; polls its /_health between its HEALTH_START and HEALTH_STOP lines. */
const runChild = (size: number, args: string[]): Promise<SizeResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let poller: ReturnType<typeof pollHealth> | undefined;
    let health: Promise<HealthLatency> | undefined;
    let result: SizeResult | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('HEALTH_START ')) poller = pollHealth(line.slice('HEALTH_START '.length));
      else if (line.startsWith('HEALTH_STAGE ')) poller?.stage(line.slice('HEALTH_STAGE '.length));
      else if (line === 'HEALTH_STOP') health = poller?.stop();
      else if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as SizeResult;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const latency = health ?? poller?.stop();
      if (code !== 0 || !result || !latency) {
        reject(new Error(`run at ${size} articles failed (exit ${code})`));
        return;
      }
      const finished = result;
      latency.then((healthDuringRebuild) => resolve({ ...finished, healthDuringRebuild }), reject);
    });
  });

/** `--heap` and `--young`: MiB (0 for V8's default), one value for every size or one per size. */
const mibList = (flag: string, value: string): number[] => {
  const list = value.split(',').map(Number);
  if (list.some((mib) => !Number.isInteger(mib) || mib < 0)) throw new Error(`--${flag} takes MiB (0 for V8's default), one value or one per size`);
  return list;
};

const forSize = (list: number[], at: number): number => (list.length === 1 ? list[0] : list[at]);

const main = async (): Promise<void> => {
  const options = parseArgs(process.argv.slice(2), {
    sizes: '1000,10000',
    db: 'sqlite',
    saves: '100',
    warmup: '0',
    only: '',
    heap: '640',
    young: '8',
    again: 'false',
    during: 'false',
  });
  const db = databaseClients.find((client) => client === options.db);
  if (!db) throw new Error(`--db must be one of ${databaseClients.join(', ')}`);
  const saves = Number(options.saves);
  if (!Number.isInteger(saves) || saves < 1) throw new Error('--saves must be a positive integer');
  const warmup = Number(options.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup must be a whole number of saves');
  const heaps = mibList('heap', options.heap);
  const youngs = mibList('young', options.young);
  for (const flag of ['again', 'during'] as const) if (!['true', 'false'].includes(options[flag])) throw new Error(`--${flag} takes true or false`);
  const extras: Extras = { again: options.again === 'true', during: options.during === 'true' };
  const { again, during } = extras;

  if (options.only) {
    // Child mode: one size, one process, so peak memory is this size's alone.
    process.env.LOG_LEVEL = 'error';
    const result = await runSize(Number(options.only), saves, warmup, db, heaps[0], youngs[0], extras);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }

  const sizes = options.sizes.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 10)) throw new Error('--sizes takes integers of at least 10, comma separated');
  for (const [flag, list] of [
    ['heap', heaps],
    ['young', youngs],
  ] as const)
    if (list.length !== 1 && list.length !== sizes.length) throw new Error(`--${flag} takes one value, or one per size`);
  await compileStrapi({ appDir: PLAYGROUND_DIR });
  const results: SizeResult[] = [];
  for (const [at, size] of sizes.entries()) {
    const heap = forSize(heaps, at);
    const young = forSize(youngs, at);
    process.stderr.write(`bench:related: ${size} articles...\n`);
    const before = yardstickMs();
    const nodeOptions = [
      ...process.execArgv.filter((option) => !option.startsWith('--max-old-space-size') && !option.startsWith('--max-semi-space-size')),
      ...(heap > 0 ? [`--max-old-space-size=${heap}`] : []),
      ...(young > 0 ? [`--max-semi-space-size=${young}`] : []),
      '--expose-gc',
    ];
    const measured = await runChild(size, [
      ...nodeOptions,
      __filename,
      '--only',
      String(size),
      '--saves',
      String(saves),
      '--warmup',
      String(warmup),
      '--db',
      options.db,
      '--heap',
      String(heap),
      '--young',
      String(young),
      '--again',
      options.again,
      '--during',
      options.during,
    ]);
    const result = { ...measured, yardstickMs: { before, after: yardstickMs() } };
    // A long run's early sizes are read before its last one ends.
    process.stderr.write(`bench:related: ${JSON.stringify(result)}\n`);
    results.push(result);
  }

  const mibOrDefault = (mib: number): string => (mib > 0 ? `${mib} MiB` : "V8's default");
  const limit = `old space limited to ${heaps.map(mibOrDefault).join(', ')}, semi-space ${youngs.map(mibOrDefault).join(', ')}`;
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
      ...(again
        ? {
            'again s (index / reprofile / lists)': `${result.rebuildAgainSeconds} (${REBUILD_STAGES.map((name) => result.rebuildAgainStages?.[name].seconds).join(' / ')})`,
          }
        : {}),
      'index / reprofile / lists s': REBUILD_STAGES.map((name) => result.rebuildStages[name].seconds).join(' / '),
      '/_health p50 / p99 ms in rebuild': `${result.healthDuringRebuild?.p50} / ${result.healthDuringRebuild?.p99}`,
      'yardstick ms before / after': `${result.yardstickMs?.before} / ${result.yardstickMs?.after}`,
      'distinct terms': result.distinctTerms,
      'bytes per article': result.bytesPerArticle,
      'peak RSS MiB': result.peakRssMiB,
      allocator: result.allocator,
      'peak in fill / rebuild / saves': `${result.peakRssByPhaseMiB.fill} / ${result.peakRssByPhaseMiB.rebuild} / ${result.peakRssByPhaseMiB.saves}`,
      'peak in index / reprofile / lists': REBUILD_STAGES.map((name) => result.rebuildStages[name].peakRssMiB).join(' / '),
      ...(during
        ? { 'save in the index phase: list after s (stage)': `${result.saveDuringIndex?.listAfterSeconds} (${result.saveDuringIndex?.storedIn})` }
        : {}),
      ...(again ? { 'again: peak in index / reprofile / lists': REBUILD_STAGES.map((name) => result.rebuildAgainStages?.[name].peakRssMiB).join(' / ') } : {}),
    })),
  );
  console.log(JSON.stringify({ db: options.db, warmupSaves: warmup, sizes: results }));
};

main().catch((error: unknown) => {
  // Database errors quote their whole statement: the start says what went wrong.
  console.error(String(error instanceof Error ? error.message : error).slice(0, 1500));
  process.exit(1);
});
