// One autocannon run for `npm run bench`, with latencies from autocannon's per-response hrtime
// durations (sub-millisecond; its histogram rounds to whole milliseconds), and the run in flight
// stoppable on a signal.
import autocannon from 'autocannon';
import { percentile } from './lib';

export interface CannonRun {
  /** autocannon's mean of its per-second samples. */
  reqPerSec: number;
  p50: number;
  p99: number;
  meanLatency: number;
  /** Responses over the whole run. */
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

let inFlight: autocannon.Instance | undefined;

/** Stops the run in progress, if any (its promise then resolves with what it measured). */
export const stopCannon = () => inFlight?.stop();

/**
 * @example
 * const run = await cannon({ url: `${base}/health/live`, connections: 32, seconds: 10 });
 */
export function cannon(options: { url: string; connections: number; seconds: number; headers?: Record<string, string> }): Promise<CannonRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const settings = { url: options.url, connections: options.connections, duration: options.seconds, timeout: 10, headers: options.headers ?? {} };
    inFlight = autocannon(settings, (error, result) => {
      inFlight = undefined;
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        reqPerSec: result.requests.mean,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        meanLatency: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
        responses: latencies.length,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    inFlight.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}
