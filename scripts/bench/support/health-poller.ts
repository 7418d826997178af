import { Agent, get } from 'http';
import { performance } from 'perf_hooks';
import { percentile, round } from './args';

export interface HealthLatency {
  requests: number;
  failed: number;
  /** Failures by status code or socket error code: a stall that drops connections shows here. */
  failures: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** The same by the stage named when each request was sent (see `stage`): which one stalls. */
  byStage: Record<string, { requests: number; failed: number; p50: number; p99: number; max: number }>;
}

/**
 * Sends `GET url` every `everyMs` milliseconds until `stop()`, whether or not the previous answer
 * came (a server that stalls for a second then shows twenty slow answers, not one), and answers
 * the latencies in milliseconds once every request sent has been answered.
 */
export const pollHealth = (url: string, everyMs = 50): { stage(name: string): void; stop(): Promise<HealthLatency> } => {
  // Idle sockets are let go before the server's keep-alive timeout (Node's 5 s) closes them: a
  // request written on a socket as the server closes it fails with ECONNRESET, a failure of the
  // client's, not the site's.
  const agent = new Agent({ keepAlive: true, timeout: 4_000 });
  const inFlight = new Set<Promise<void>>();
  const failures: Record<string, number> = {};
  let current = '';
  const stages = new Map<string, { latencies: number[]; failed: number }>();
  const inStage = (name: string) => {
    const found = stages.get(name) ?? { latencies: [], failed: 0 };
    stages.set(name, found);
    return found;
  };
  const send = (): void => {
    const started = performance.now();
    const stage = inStage(current);
    const fail = (reason: string): void => {
      stage.failed += 1;
      failures[reason] = (failures[reason] ?? 0) + 1;
    };
    const request = new Promise<void>((done) => {
      get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== undefined && response.statusCode < 400) stage.latencies.push(performance.now() - started);
          else fail(String(response.statusCode));
          done();
        });
      }).on('error', (error: NodeJS.ErrnoException) => {
        fail(error.code ?? error.message);
        done();
      });
    });
    inFlight.add(request);
    void request.then(() => inFlight.delete(request));
  };
  const timer = setInterval(send, everyMs);
  send();
  const figures = (values: number[]) => ({
    p50: round(percentile(values, 50), 1),
    p99: round(percentile(values, 99), 1),
    max: round(Math.max(0, ...values), 1),
  });
  return {
    stage(name) {
      current = name;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      agent.destroy();
      const summary = ({ latencies, failed }: { latencies: number[]; failed: number }) => ({
        requests: latencies.length + failed,
        failed,
        ...figures(latencies),
      });
      const all = [...stages.values()];
      const { requests, failed, p50, p99, max } = summary({
        latencies: all.flatMap((stage) => stage.latencies),
        failed: all.reduce((sum, stage) => sum + stage.failed, 0),
      });
      return { requests, failed, failures, p50, p99, max, byStage: Object.fromEntries([...stages].map(([name, stage]) => [name, summary(stage)])) };
    },
  };
};
