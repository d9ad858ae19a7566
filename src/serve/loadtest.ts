/**
 * Drives a running prediction API with autocannon and reports exact latency percentiles.
 * autocannon's own summary has no p95 (its percentiles are 2.5, 50, 75, 90, 97.5, 99 ...), so every
 * response time is collected from its 'response' event and the percentiles are computed here.
 */
import autocannon from 'autocannon';
import { cpus } from 'node:os';
import { PrepError, UsageError } from '../errors.js';

export interface LoadTestOptions {
  url: string;
  path?: string;
  body: unknown;
  durationSeconds: number;
  connections: number;
}

export interface LoadTestResult {
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  requestsPerSecond: number;
  requests: number;
  errors: number;
  non2xx: number;
  cpus: number;
  durationSeconds: number;
  connections: number;
  url: string;
}

/** The q-quantile of sorted values with linear interpolation between closest ranks (numpy's default). */
export function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/**
 * One request before the test: a server that does not answer at all is said at once, instead of
 * after the whole duration with empty percentiles. Any HTTP answer counts as reachable.
 */
export async function checkReachable(url: string, timeoutMs = 3000): Promise<void> {
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // fetch fails with a bare "TypeError: fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port" for the
    // ports fetch refuses to use) is on its cause
    const inner = (error as { cause?: { code?: string; message?: string } }).cause;
    const cause = inner?.code ?? inner?.message ?? (error as Error).name;
    throw new UsageError(`no server answers at ${url} (${cause === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause})`, 'Start one with `prep lab churn serve`, or leave out --url to test a server in this process.');
  }
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const url = options.url.replace(/\/$/, '') + (options.path ?? '/predict');
  await checkReachable(url);
  const times: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
    connections: options.connections,
    duration: options.durationSeconds,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const result = await instance;
  if (times.length === 0) {
    throw new PrepError(`no request to ${url} was answered in ${options.durationSeconds} s (${result.errors} errors, ${result.timeouts} timeouts): nothing to measure`, 'Check that the server is up and answers POST /predict.');
  }
  const sorted = Float64Array.from(times).sort();
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const round = (x: number) => Number(x.toFixed(3));
  return {
    latencyMs: {
      p50: round(quantile(sorted, 0.5)),
      p95: round(quantile(sorted, 0.95)),
      p99: round(quantile(sorted, 0.99)),
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
      max: round(sorted[sorted.length - 1] ?? Number.NaN),
    },
    requestsPerSecond: Math.round(result.requests.total / seconds),
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpus: cpus().length,
    durationSeconds: round(seconds),
    connections: options.connections,
    url,
  };
}
