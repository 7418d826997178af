/**
 * node --expose-gc --import tsx scripts/bench/engine.ts [--n 100000] [--engine server/src/related] [--lists FILE] [--against FILE] [--helper on] [--settings JSON] [--again on]
 *
 * The related-links engine alone (no Strapi, no database) on the synthetic corpus of
 * `bench:related`: times analysis, `upsertMany`, `flush` (the full reprofile) and `related()` for
 * every document (wall and CPU seconds: CPU is steadier on a shared machine), and prints heap, RSS and the engine's own size estimate after each phase
 * (after a gc when run with `--expose-gc`). `--engine` loads another copy of the engine (e.g. the
 * main worktree's) for before/after comparisons in one session; `--lists` writes every list's ids,
 * `--against` reports how much of every list a previous `--lists` file shares, and `--settings`
 * overrides related settings (`{"postings":{"scan":200}}`): together they weigh a setting's speed
 * against the lists it changes. The JSON also gives
 * `distinctTerms` (the engine's term dictionaries) and `bytesPerArticle`: the heap after a full GC
 * plus ArrayBuffers once every profile and list is computed, less the same before the engine was
 * built, per article (null without `--expose-gc`). With `--helper on` the full reprofile runs as a
 * rebuild runs it, in steps, every other block of profiles computed on the engine thread (the
 * built one: `npm run build` first), `helperProfiles` says how many it computed and `longestStepMs`
 * how long its longest step held the thread (the app's requests wait that long); so are the
 * lists, as the lists phase computes them (batches of 500, steps of 50, the engine thread finding
 * contenders ahead: `helperLists` says for how many). `--again on` then analyses and upserts every
 * article a second time and recomputes every profile (phases `again-*`), as a rebuild of an index
 * the engine holds did; each phase prints its own peak RSS. Last line is JSON.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { resolve } from 'path';
import { performance } from 'perf_hooks';
import { defaultJobSettings } from '../../server/src/config/jobs-settings';
import { askLists, createListHelper, LIST_STEP, listsInSteps } from '../../server/src/jobs/list-helper';
import { createProfileHelper } from '../../server/src/jobs/profile-helper';
import { REPOSITORY_DIR } from '../../support/paths';
import { median, parseArgs, round } from './support/args';
import { bytesAtRest, bytesPerArticle } from './support/memory-at-rest';
import { createCorpus, defaultShape } from './support/synthetic-articles';
import type * as Related from '../../server/src/related';

type RelatedModule = typeof Related;
type RelatedLink = Related.RelatedLink;
type ListContenders = Related.ListContenders;

const options = parseArgs(process.argv.slice(2), {
  n: '100000',
  engine: 'server/src/related',
  lists: '',
  against: '',
  helper: 'off',
  settings: '{}',
  again: 'off',
});
const n = Number(options.n);
if (!Number.isInteger(n) || n < 2) throw new Error('--n must be an integer ≥ 2');
if (!['on', 'off'].includes(options.helper)) throw new Error('--helper must be on or off');
if (!['on', 'off'].includes(options.again)) throw new Error('--again must be on or off');
const helperThread = resolve(REPOSITORY_DIR, 'dist', 'analysis-thread', 'index.js');
if (options.helper === 'on' && !existsSync(helperThread)) throw new Error(`--helper on needs the built engine thread (${helperThread}): run npm run build`);

const BATCH = 500;
/** The rebuild's lists phase: lists per batch, as `jobs.rebuildBatchSize`'s default. */
const REBUILD_BATCH = defaultJobSettings.rebuildBatchSize;
const gc = (globalThis as { gc?: () => void }).gc;
const MiB = 1024 * 1024;

interface Phase {
  phase: string;
  seconds: number;
  cpuSeconds: number;
  heapMiB: number;
  arrayBuffersMiB: number;
  rssMiB: number;
  engineMiB: number;
  peakRssMiB: number;
}

const run = async (): Promise<void> => {
  const related = (await import(resolve(options.engine, 'index.ts'))) as RelatedModule;
  const baseline = bytesAtRest();
  const engine = related.createRelatedEngine(related.resolveRelatedSettings(JSON.parse(options.settings) as Related.RelatedSettingsOverrides));
  const phases: Phase[] = [];
  let peakRss = process.memoryUsage.rss();
  // This phase's peak: sampled between batches too, as the indexing runs without a pause.
  let phasePeak = peakRss;
  const sample = (): void => {
    phasePeak = Math.max(phasePeak, process.memoryUsage.rss());
    peakRss = Math.max(peakRss, phasePeak);
  };
  const sampler = setInterval(sample, 50);
  let cpuMark = process.cpuUsage();
  const record = (phase: string, seconds: number, cpuMicros?: number): void => {
    const used = process.cpuUsage(cpuMark);
    const cpu = cpuMicros ?? used.user + used.system;
    sample();
    const phasePeakMiB = round(phasePeak / MiB, 1);
    gc?.();
    const memory = process.memoryUsage();
    const entry = {
      phase,
      seconds: round(seconds, 2),
      cpuSeconds: round(cpu / 1e6, 2),
      heapMiB: round(memory.heapUsed / MiB, 1),
      arrayBuffersMiB: round(memory.arrayBuffers / MiB, 1),
      rssMiB: round(memory.rss / MiB, 1),
      engineMiB: round(engine.stats().approximateBytes / MiB, 1),
      peakRssMiB: phasePeakMiB,
    };
    phases.push(entry);
    cpuMark = process.cpuUsage();
    phasePeak = memory.rss;
    console.log(
      `${phase.padEnd(10)} ${String(entry.seconds).padStart(8)} s  cpu ${String(entry.cpuSeconds).padStart(8)} s  heap ${entry.heapMiB} MiB  buffers ${entry.arrayBuffersMiB} MiB  rss ${entry.rssMiB} MiB (peak ${entry.peakRssMiB})  engine ${entry.engineMiB} MiB`,
    );
  };

  const corpus = createCorpus(42, defaultShape());
  const start = Date.UTC(2026, 0, 1);
  // Analysed and upserted in batches, as the rebuild does (not 100,000 profiles held at once);
  // generating the articles is not timed. Memory is read once both phases are over.
  const timed = <T>(timer: { ms: number; cpu: number }, work: () => T): T => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = work();
    const cpu = process.cpuUsage(cpuStarted);
    timer.cpu += cpu.user + cpu.system;
    timer.ms += performance.now() - started;
    return result;
  };
  const indexAll = (): Record<'analysis' | 'upsert', { ms: number; cpu: number }> => {
    const timers = { analysis: { ms: 0, cpu: 0 }, upsert: { ms: 0, cpu: 0 } };
    for (let offset = 0; offset < n; offset += BATCH) {
      const articles = Array.from({ length: Math.min(BATCH, n - offset) }, (_, i) => ({ index: offset + i, article: corpus(offset + i) }));
      const profiles = timed(timers.analysis, () =>
        articles.map(({ index, article }) =>
          engine.analyze({
            id: `bench${index}`,
            locale: 'en',
            title: article.title,
            dek: article.dek,
            body: article.paragraphs.join('\n\n'),
            section: String(article.section),
            sectionName: `Section ${article.section}`,
            publishedAt: start - (n - index) * 60_000,
          }),
        ),
      );
      timed(timers.upsert, () => engine.upsertMany(profiles));
      sample();
    }
    return timers;
  };
  const indexed = indexAll();
  record('analysis', indexed.analysis.ms / 1000, indexed.analysis.cpu);
  record('upsert', indexed.upsert.ms / 1000, indexed.upsert.cpu);

  let helperProfiles = 0;
  /** By phase, with the helper: the longest `flushStep`, in ms. */
  const longestSteps: Record<string, number> = {};
  let helperLists = 0;
  const flushAll = async (phase: string): Promise<void> => {
    const started = performance.now();
    if (options.helper === 'on') {
      // As the rebuild's lists phase runs it (steps of 200 documents).
      const helper = createProfileHelper(engine, helperThread);
      // Each step holds the thread that answers requests in the app: the longest is the site's longest wait.
      const step = engine.flushStep.bind(engine);
      engine.flushStep = (maxDocs) => {
        const started = performance.now();
        const done = step(maxDocs);
        longestSteps[phase] = Math.max(longestSteps[phase] ?? 0, performance.now() - started);
        return done;
      };
      await helper.flush(200, async () => undefined);
      engine.flushStep = step;
      helperProfiles = helper.computed;
      await helper.close();
    } else engine.flush();
    record(phase, (performance.now() - started) / 1000);
  };
  await flushAll('flush');

  /**
   * Every list, timed one by one, handed to `visit` by index (not kept: the lists of every
   * article would weigh on the memory read after them); with the helper, in the rebuild's
   * batches and steps, the helper finding contenders.
   */
  const everyList = async (perQuery: number[], visit: (index: number, links: RelatedLink[]) => void): Promise<void> => {
    const timedList = (index: number, contenders?: ListContenders): number => {
      const queryStarted = performance.now();
      const links = engine.related(`bench${index}`, { contenders });
      perQuery.push(performance.now() - queryStarted);
      visit(index, links);
      return index;
    };
    if (options.helper !== 'on') {
      for (let index = 0; index < n; index += 1) timedList(index);
      return;
    }
    const helper = createListHelper(engine, helperThread);
    const targets = (part: number[]) => part.map((index) => engine.listTarget(`bench${index}`));
    const batchAt = (at: number) =>
      askLists(
        Array.from({ length: Math.max(0, Math.min(REBUILD_BATCH, n - at)) }, (_, i) => at + i),
        LIST_STEP,
        helper,
        targets,
      );
    try {
      // The next batch asked while one is computed, as the lists phase asks it.
      let asked = batchAt(0);
      for (let at = 0; at < n; at += REBUILD_BATCH) {
        const current = asked;
        asked = batchAt(at + REBUILD_BATCH);
        await listsInSteps(current, {
          targets,
          lists: (part, contenders) => part.map((index, i) => timedList(index, contenders[i])),
          // A turn of the event loop, as the rebuild's steps take: the helper's answers come in.
          pause: () => new Promise((resolve) => setImmediate(resolve)),
        });
      }
      helperLists = helper.found;
    } finally {
      await helper.close();
    }
  };

  // In a function of its own: the lists and timings it keeps are gone when memory is read after it.
  const queryAll = async (): Promise<{ medianMs: number; shared: number; compared: number }> => {
    const previous = options.against ? (JSON.parse(readFileSync(options.against, 'utf8')) as string[][]) : undefined;
    const lists: string[][] = [];
    const perQuery: number[] = [];
    let shared = 0;
    let compared = 0;
    const started = performance.now();
    await everyList(perQuery, (index, links) => {
      const ids = links.map((link) => link.id);
      if (options.lists) lists[index] = ids;
      const before = previous?.[index];
      if (before && before.length > 0) {
        const now = new Set(ids);
        shared += before.filter((id) => now.has(id)).length;
        compared += before.length;
      }
    });
    record('related', (performance.now() - started) / 1000);
    if (options.lists) writeFileSync(options.lists, JSON.stringify(lists));
    return { medianMs: median(perQuery), shared, compared };
  };
  const queried = await queryAll();
  if (options.again === 'on') {
    // A second rebuild of the same index: every article analysed and upserted again, every profile recomputed.
    const reindexed = indexAll();
    record('again-analysis', reindexed.analysis.ms / 1000, reindexed.analysis.cpu);
    record('again-upsert', reindexed.upsert.ms / 1000, reindexed.upsert.cpu);
    engine.invalidateProfiles();
    await flushAll('again-flush');
  }
  clearInterval(sampler);
  // The app takes these after a rebuild (to store vectors and stories); kept, they are not the engine's.
  engine.takeChangedVectors();
  engine.takeStoryChanges();
  // At rest: every profile and list computed, as a site holds its index between saves.
  const atRest = bytesAtRest();

  const stats = engine.stats();
  const result = {
    n,
    engine: options.engine,
    totalSeconds: round(
      phases.reduce((sum, phase) => sum + phase.seconds, 0),
      2,
    ),
    phases,
    relatedMedianMs: round(queried.medianMs, 3),
    helperProfiles,
    longestStepMs: Object.fromEntries(Object.entries(longestSteps).map(([phase, ms]) => [phase, round(ms, 1)])),
    helperLists,
    peakRssMiB: round(peakRss / MiB, 1),
    gc: gc !== undefined,
    distinctTerms: stats.terms,
    postings: stats.postings,
    bytesPerArticle: bytesPerArticle(baseline, atRest, n),
    ...(options.against ? { overlapWithPrevious: round(queried.compared > 0 ? queried.shared / queried.compared : 1, 4) } : {}),
  };
  console.log(
    `related() median ${result.relatedMedianMs} ms, peak rss ${result.peakRssMiB} MiB, ${result.distinctTerms} distinct terms, ${result.bytesPerArticle ?? '?'} bytes per article at rest${options.against ? `, overlap with previous lists ${result.overlapWithPrevious}` : ''}`,
  );
  console.log(JSON.stringify(result));
};

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
