import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/serve/app.js';
import { quantile, runLoadTest } from '../../src/serve/loadtest.js';
import { fakeModel, goodCustomer } from './fake-model.js';

describe('quantile', () => {
  it('interpolates between closest ranks like numpy', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(xs, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(xs, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
  });
});

describe('load test', () => {
  it('drives /predict and reports consistent percentiles and counts that /metrics agrees with', async () => {
    const app = buildApp(fakeModel());
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const result = await runLoadTest({ url, body: goodCustomer, durationSeconds: 1, connections: 4 });
      expect(result.requests).toBeGreaterThan(50);
      expect(result.errors).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.latencyMs.p50).toBeGreaterThan(0);
      expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.p95);
      expect(result.latencyMs.p95).toBeLessThanOrEqual(result.latencyMs.p99);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const served = Number(/prep_http_requests_total\{route="\/predict",status="200"\} (\d+)/.exec(metrics)?.[1]);
      // autocannon counts responses completed within the window; the server may have answered a few more in flight.
      expect(served).toBeGreaterThanOrEqual(result.requests);
      expect(served - result.requests).toBeLessThanOrEqual(4);
    } finally {
      await app.close();
    }
  });

  it('fails at once, before the duration, when no server answers at the URL', async () => {
    const app = buildApp(fakeModel());
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    await app.close(); // the port is now closed: connections are refused
    // a 600 s test would outlast the suite's timeout if it ran its duration: failing proves it did not
    await expect(runLoadTest({ url, body: goodCustomer, durationSeconds: 600, connections: 1 })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^no server answers at http:\/\/127\.0\.0\.1:\d+\/predict \(ECONNREFUSED\)$/) });
  });

  it('says why fetch refused a URL instead of "TypeError" (port 9 is on fetch\'s list of blocked ports)', async () => {
    await expect(runLoadTest({ url: 'http://127.0.0.1:9', body: goodCustomer, durationSeconds: 600, connections: 1 })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^no server answers at http:\/\/127\.0\.0\.1:9\/predict \(bad port\)$/) });
  });
});
