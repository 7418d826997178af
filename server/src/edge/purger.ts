import type { PurgeSettings } from '../config/edge-settings';
import type { KeySeparator } from './cache-keys';

/** Where each request's outcome goes (a request that failed did so after every attempt). */
export interface PurgeOutcomes {
  succeeded(at: number): Promise<void>;
  failed(at: number, message: string, keys: number): Promise<void>;
}

/** Keys that come within this long of each other travel in one request. */
const GATHER_MS = 25;
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Sends purge-by-key requests to a cache in front (Varnish with `xkey`, Fastly, Cloudflare):
 * keys gathered for a moment, sent in batches, each retried with exponential backoff. Nothing
 * waits for it: a save never does, and each outcome is kept for the Newsroom page's health.
 */
export const createPurger = (settings: PurgeSettings, separator: KeySeparator, outcomes: PurgeOutcomes, warn: (message: string) => void) => {
  const waiting = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();
  let stopped = false;

  const request = async (keys: string[]): Promise<void> => {
    const headers: Record<string, string> = {};
    if (settings.tokenHeader && settings.token) headers[settings.tokenHeader] = settings.token;
    let body: string | undefined;
    if (settings.keysIn === 'header') headers[settings.keysHeader] = keys.join(separator === 'space' ? ' ' : ',');
    else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify({ [settings.bodyField]: keys });
    }
    const response = await fetch(settings.url, { method: settings.method, headers, body, signal: AbortSignal.timeout(settings.timeoutMs) });
    // The body is not needed, but an unread one keeps the connection busy.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`${settings.method} ${settings.url} answered ${response.status}`);
  };

  const sendBatch = async (keys: string[]): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await request(keys);
        await outcomes.succeeded(Date.now()).catch(() => undefined);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= settings.attempts || stopped) {
          warn(`[newsroom] cache purge of ${keys.length} keys failed after ${attempt} attempts: ${message}`);
          await outcomes.failed(Date.now(), message, keys.length).catch(() => undefined);
          return;
        }
        await sleep(Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 2 ** (attempt - 1)));
      }
    }
  };

  const flush = (): void => {
    timer = undefined;
    const keys = [...waiting];
    waiting.clear();
    // One batch after another: a cache that is down is not sent every batch at once.
    sending = sending.then(async () => {
      for (let start = 0; start < keys.length; start += settings.batchSize) await sendBatch(keys.slice(start, start + settings.batchSize));
    });
  };

  return {
    purge(keys: Iterable<string>): void {
      if (!settings.enabled || stopped) return;
      for (const key of keys) waiting.add(key);
      if (!timer && waiting.size > 0) {
        timer = setTimeout(flush, GATHER_MS);
        timer.unref();
      }
    },

    /** Keys waiting for the next request. */
    pending: (): number => waiting.size,

    /** Sends what is waiting (no retry after a failure) and stops, waiting one request's timeout at most. */
    async stop(): Promise<void> {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      stopped = true;
      await Promise.race([sending, sleep(settings.timeoutMs)]);
    },
  };
};

export type Purger = ReturnType<typeof createPurger>;
