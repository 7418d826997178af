import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { pollHealth } from '../../../scripts/bench/support/health-poller';

describe('pollHealth', () => {
  let server: Server;
  let status = 204;
  /** Answers the server gave, by status. */
  const answered = new Map<number, number>();
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.statusCode = status;
      answered.set(status, (answered.get(status) ?? 0) + 1);
      response.end();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  /** Waits until the server gave `count` answers of `code`: on a loaded machine the poller's 10 ms ticks come late. */
  const answers = async (code: number, count: number): Promise<void> => {
    while ((answered.get(code) ?? 0) < count) await new Promise((wait) => setTimeout(wait, 5));
  };

  it('reports the answers by the stage each request was sent in', async () => {
    const { port } = server.address() as AddressInfo;
    const poller = pollHealth(`http://127.0.0.1:${port}/_health`, 10);
    poller.stage('index');
    // The poller's first request goes out as it starts, before the stage is named.
    await answers(204, 5);
    poller.stage('lists');
    // The index stage's last requests are answered before the server starts failing.
    await new Promise((wait) => setTimeout(wait, 30));
    status = 500;
    await answers(500, 4);
    const health = await poller.stop();
    const { index, lists } = health.byStage;
    expect(index.requests).toBeGreaterThan(3);
    expect(index.failed).toBe(0);
    expect(lists.requests).toBeGreaterThan(3);
    expect(lists.failed).toBeGreaterThan(3);
    expect(lists.failed).toBeLessThanOrEqual(lists.requests);
    expect(health.failures['500']).toBe(lists.failed);
    expect(health.requests).toBe(Object.values(health.byStage).reduce((sum, stage) => sum + stage.requests, 0));
  });
});
