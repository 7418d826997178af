import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { defaultEdgeSettings, type PurgeSettings } from '../../../server/src/config/edge-settings';
import { createPurger, type PurgeOutcomes } from '../../../server/src/edge/purger';

/** A cache's purge endpoint: records each request, answers with the next status of `statuses` (200 after). */
const endpoint = async (statuses: number[] = []) => {
  const requests: Array<{ method: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: String(req.method), headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
};

const outcomes = () => {
  const seen = { succeeded: 0, failed: [] as Array<{ message: string; keys: number }> };
  const sink: PurgeOutcomes = {
    succeeded: async () => void (seen.succeeded += 1),
    failed: async (_at, message, keys) => void seen.failed.push({ message, keys }),
  };
  return { seen, sink };
};

const settingsFor = (url: string, overrides: Partial<PurgeSettings> = {}): PurgeSettings => ({
  ...defaultEdgeSettings.purge,
  enabled: true,
  url,
  retryBaseMs: 10,
  ...overrides,
});
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the purger', () => {
  it('gathers keys into batches of batchSize, in a header', async () => {
    const cache = await endpoint();
    const { seen, sink } = outcomes();
    const purger = createPurger(settingsFor(cache.url, { batchSize: 2 }), 'space', sink, () => {});
    purger.purge(['a', 'b']);
    purger.purge(['b', 'c']);
    await until(() => seen.succeeded === 2);
    expect(cache.requests.map((request) => [request.method, request.headers['xkey-purge']])).toEqual([
      ['PURGE', 'a b'],
      ['PURGE', 'c'],
    ]);
    await purger.stop();
    await cache.close();
  });

  it('sends the keys in a JSON body with the token, as Fastly and Cloudflare take them', async () => {
    const cache = await endpoint();
    const { seen, sink } = outcomes();
    const purger = createPurger(
      settingsFor(cache.url, { method: 'POST', keysIn: 'body', bodyField: 'surrogate_keys', tokenHeader: 'Fastly-Key', token: 'secret' }),
      'space',
      sink,
      () => {},
    );
    purger.purge(['nr:article:x:en']);
    await until(() => seen.succeeded === 1);
    expect(cache.requests[0].headers['fastly-key']).toBe('secret');
    expect(JSON.parse(cache.requests[0].body)).toEqual({ surrogate_keys: ['nr:article:x:en'] });
    await purger.stop();
    await cache.close();
  });

  it('retries a failed request with backoff, and reports a batch that failed every attempt', async () => {
    const cache = await endpoint([503, 500]);
    const { seen, sink } = outcomes();
    const warnings: string[] = [];
    const purger = createPurger(settingsFor(cache.url, { attempts: 3 }), 'space', sink, (message) => warnings.push(message));
    purger.purge(['k1']);
    await until(() => seen.succeeded === 1);
    expect(cache.requests).toHaveLength(3);
    expect(seen.failed).toEqual([]);

    const down = await endpoint([500, 500, 500]);
    const failing = createPurger(settingsFor(down.url, { attempts: 3 }), 'space', sink, (message) => warnings.push(message));
    failing.purge(['k2', 'k3']);
    await until(() => seen.failed.length === 1);
    expect(down.requests).toHaveLength(3);
    expect(seen.failed[0]).toEqual({ message: expect.stringContaining('500'), keys: 2 });
    expect(warnings).toHaveLength(1);
    await Promise.all([purger.stop(), failing.stop()]);
    await Promise.all([cache.close(), down.close()]);
  });

  it('sends nothing when off', async () => {
    const cache = await endpoint();
    const { sink } = outcomes();
    const purger = createPurger({ ...settingsFor(cache.url), enabled: false }, 'space', sink, () => {});
    purger.purge(['a']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(purger.pending()).toBe(0);
    expect(cache.requests).toHaveLength(0);
    await purger.stop();
    await cache.close();
  });
});
