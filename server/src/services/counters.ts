import type { Core } from '@strapi/strapi';
import { defaultLocale as siteDefaultLocale } from '../i18n/site-locales';
import type { Knex } from 'knex';
import { isbot } from 'isbot';
import { readConfig } from '../config';
import { encodeKey, type DocumentKey } from '../articles/document-key';
import { createCountBuffer } from '../counters/buffer';
import { forgetLocalesExcept, hasStoredReaction, storedReactions, storedViews, writeBatch, type FlushResult } from '../counters/counter-store';
import { createViewDedupe, forgetKeysBefore, windowStart } from '../counters/dedupe';
import { createFlushGate } from '../counters/flush-gate';
import { hourOf } from '../counters/hours';
import { createPublishedIndex } from '../counters/published-index';
import { createPublishedSource } from '../counters/published-source';
import { createSaltStore } from '../counters/salts';
import { ensureSeenViewsTable, forgetSeenViewsBefore } from '../counters/seen-views';
import { importCounterLines, type CounterImport } from '../counters/transfer';
import { COUNTER_TABLES, ensureCounterTables } from '../counters/tables';
import { visitorHash } from '../counters/visitor';
import { getService } from './access';
import type { ClockService } from './clock';

/** What the beacon knows of the client: its address (see `server.proxy`) and user agent. */
export interface Visitor {
  ip: string;
  userAgent: string;
}

export interface CountRequest {
  documentId: string;
  /** The app's default locale when omitted. */
  locale?: string;
  visitor: Visitor;
}

/** `unknown`: no published article; `closed`: the instance is shutting down and counts nothing. */
export type CountOutcome = 'counted' | 'repeat' | 'bot' | 'unknown' | 'closed';

export interface ReactionAnswer {
  outcome: CountOutcome;
  article: DocumentKey;
  /** Every configured kind, stored plus waiting for the next flush. */
  reactions: Record<string, number>;
}

/**
 * Views and reactions: accepts them in memory (no query on a view's path), writes them in
 * batches every `counters.flushIntervalMs` and at shutdown.
 */
const counters = ({ strapi }: { strapi: Core.Strapi }) => {
  // Read again at each start: the settings page restarts the counters with new values.
  let settings = readConfig(strapi).counters;
  const db = (): Knex => strapi.db.connection;
  const clock = (): ClockService => getService(strapi, 'clock');
  const buffer = createCountBuffer();
  const windowMs = (): number => settings.dedupeWindowSeconds * 1000;
  let dedupe = createViewDedupe(windowMs());
  // The bound of the last deletion of old view keys: one deletion per window per instance.
  let forgotBefore: number | undefined;
  const published = createPublishedIndex(createPublishedSource(strapi));
  const salts = createSaltStore(db, () => clock().now());
  const refreshes = new Set<Promise<void>>();
  let timers: NodeJS.Timeout[] = [];
  let defaultLocale = 'en';
  let open = false;
  const gate = createFlushGate();

  const isBot = (userAgent: string): boolean => settings.botFilter && (userAgent === '' || isbot(userAgent));
  const articleOf = (request: CountRequest): DocumentKey => ({ documentId: request.documentId, locale: request.locale ?? defaultLocale });
  const hashOf = async (visitor: Visitor): Promise<string> => visitorHash(salts.cached() ?? (await salts.today()), visitor.ip, visitor.userAgent);

  const logFailure =
    (what: string) =>
    (error: unknown): void => {
      strapi.log.warn(`[newsroom] ${what}: ${error instanceof Error ? error.message : String(error)}`);
    };

  /** Re-reads saved articles; a failure is logged, never thrown at the editor's save. */
  const refreshPublished = (documentIds: string[]): Promise<void> => {
    const tracked = Promise.all(documentIds.map((documentId) => published.refresh(documentId)))
      .then(() => undefined)
      .catch(logFailure('published articles refresh'))
      .finally(() => refreshes.delete(tracked));
    refreshes.add(tracked);
    return tracked;
  };

  const reloadPublished = async (): Promise<void> => {
    defaultLocale = await siteDefaultLocale(strapi);
    await published.reload();
    await salts.prepare();
  };

  const ensureTables = async (): Promise<void> => {
    await ensureCounterTables(db());
    await ensureSeenViewsTable(db());
  };

  const writeBuffered = async (): Promise<FlushResult> => {
    if (buffer.isEmpty()) return { articles: 0, views: 0, reactions: 0 };
    const batch = buffer.drain();
    try {
      return await writeBatch(db(), batch);
    } catch (error) {
      buffer.restore(batch);
      throw error;
    }
  };

  /** Deletes the view keys no view can repeat any more; its own failure is only logged. */
  const forgetOldViews = async (now: number): Promise<void> => {
    const before = forgetKeysBefore(now, windowMs());
    if (before === forgotBefore) return;
    await forgetSeenViewsBefore(db(), before);
    forgotBefore = before;
  };

  const writeOnce = async (): Promise<FlushResult> => {
    const now = clock().now();
    dedupe.prune(now);
    const result = await writeBuffered();
    await forgetOldViews(now).catch(logFailure('deleting old view keys'));
    return result;
  };

  /** Writes what is buffered; one flush at a time. */
  const flush = (): Promise<FlushResult> => gate.write(writeOnce);

  /** An article's reactions by kind: stored, plus those waiting for the next flush here. */
  const reactions = (article: DocumentKey): Promise<Record<string, number>> =>
    gate.read(async () => {
      const stored = await storedReactions(db(), article);
      const pending = buffer.pendingReactions(article);
      return Object.fromEntries(settings.reactionKinds.map((kind) => [kind, (stored[kind] ?? 0) + (pending[kind] ?? 0)]));
    });

  /** Waits until the published-articles index has taken in every committed save so far. */
  const settle = async (): Promise<void> => {
    while (refreshes.size) await Promise.all([...refreshes]);
  };

  const every = (ms: number, task: () => Promise<unknown>, what: string): void => {
    const timer = setInterval(() => void task().catch(logFailure(what)), ms);
    timer.unref();
    timers.push(timer);
  };

  return {
    /** Its tables only (the counters CLI imports into them without serving beacons). */
    prepare: ensureTables,

    async start(): Promise<void> {
      settings = readConfig(strapi).counters;
      dedupe = createViewDedupe(windowMs());
      await ensureTables();
      await reloadPublished();
      every(settings.flushIntervalMs, flush, 'counter flush failed, will retry');
      every(settings.publishedRefreshSeconds * 1000, reloadPublished, 'published articles reload');
      open = true;
    },

    /** Stops accepting, then writes everything buffered (plugin `destroy`, a graceful stop). */
    async stop(): Promise<void> {
      open = false;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await settle();
      await flush();
    },

    async recordView(request: CountRequest): Promise<CountOutcome> {
      if (!open) return 'closed';
      const article = articleOf(request);
      if (!published.has(article)) return 'unknown';
      if (isBot(request.visitor.userAgent)) return 'bot';
      const visitor = await hashOf(request.visitor);
      const now = clock().now();
      if (!dedupe.admit(`${visitor}\u0000${encodeKey(article)}`, now)) return 'repeat';
      // Counted at the flush unless another instance stored the same key first.
      if (windowMs() === 0) buffer.addView(article, hourOf(now));
      else buffer.addKeyedView({ ...article, visitor, windowStart: windowStart(now, windowMs()), hour: hourOf(now) });
      return 'counted';
    },

    async react(request: CountRequest & { kind: string }): Promise<ReactionAnswer> {
      const article = articleOf(request);
      const answer = async (outcome: CountOutcome): Promise<ReactionAnswer> => ({ outcome, article, reactions: await reactions(article) });
      if (!open) return { outcome: 'closed', article, reactions: {} };
      if (!published.has(article)) return { outcome: 'unknown', article, reactions: {} };
      if (isBot(request.visitor.userAgent)) return answer('bot');
      const visitor = await hashOf(request.visitor);
      // Stored, or waiting here: no flush comes between the two looks.
      const added = await gate.read(
        async () =>
          !(await hasStoredReaction(db(), article, request.kind, visitor)) &&
          buffer.addReaction({ ...article, kind: request.kind, visitor, hour: hourOf(clock().now()) }),
      );
      return answer(added ? 'counted' : 'repeat');
    },

    /** Sets stored counts to these (the counters CLI's import, the demo's history); see `counters/transfer.ts`. */
    setCounts: (file: CounterImport) => importCounterLines(db(), file),

    /** Whether anything was ever counted. */
    hasCounts: async (): Promise<boolean> => Boolean(await db()(COUNTER_TABLES.totals).first('count')),

    /** After a locale was deleted: its counts go, and the beacons stop accepting its articles. */
    async forgetLocalesExcept(kept: string[]): Promise<void> {
      await flush();
      await forgetLocalesExcept(db(), kept);
      await published.reload();
    },

    reactions,
    /** Stored all-time views of these articles (all of the locale's when omitted). */
    views: (locale: string, documentIds?: string[]): Promise<Map<string, number>> => storedViews(db(), locale, documentIds),
    /** Whether an article is published in a locale, as the beacons know it: no query. */
    isPublished: (article: DocumentKey): boolean => published.has(article),
    flush,
    refreshPublished,
    settle,
  };
};

export type CountersService = ReturnType<typeof counters>;

export default counters;
