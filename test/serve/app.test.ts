import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp, listenOn, MAX_BATCH } from '../../src/serve/app.js';
import { fakeModel, goodCustomer } from './fake-model.js';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = buildApp(fakeModel());
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

async function post(path: string, body: string, contentType = 'application/json') {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

describe('prediction API on a random port', () => {
  it('GET /health and /model describe the served run', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', runId: 'churn-test-run' });
    const model = (await (await fetch(`${base}/model`)).json()) as any;
    expect(model).toMatchObject({ runId: 'churn-test-run', threshold: 0.4, dataset: { sha256: 'abc' } });
  });

  it('POST /predict returns probability, label at the run threshold and 3 reasons', async () => {
    const { status, json } = await post('/predict', JSON.stringify(goodCustomer));
    expect(status).toBe(200);
    expect(json.id).toBe('7590-VHVEG');
    expect(json.probability).toBeGreaterThan(0);
    expect(json.probability).toBeLessThan(1);
    expect(json.label).toBe(json.probability >= 0.4);
    expect(json.reasons).toHaveLength(3);
  });

  it('rejects bad fields with field-level messages', async () => {
    const { status, json } = await post('/predict', JSON.stringify({ ...goodCustomer, tenure: 'ten', Contract: 'Forever', extra: 1, MonthlyCharges: undefined }));
    expect(status).toBe(400);
    const fields = Object.fromEntries(json.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields.tenure).toMatch(/must be a number/);
    expect(fields.Contract).toMatch(/not a category seen in training/);
    expect(fields.extra).toMatch(/unknown field/);
    expect(fields.MonthlyCharges).toBe('required');
    expect((await post('/predict', JSON.stringify({ ...goodCustomer, tenure: 500 }))).json.fields[0].message).toMatch(/between 0 and 72/);
  });

  it('POST /predict/batch scores good rows and reports bad ones without failing them', async () => {
    const { status, json } = await post('/predict/batch', JSON.stringify([goodCustomer, { ...goodCustomer, tenure: -1 }, { ...goodCustomer, customerID: 'B' }]));
    expect(status).toBe(200);
    expect(json.scored).toBe(2);
    expect(json.failed).toBe(1);
    expect(json.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(json.results[1].fields[0].field).toBe('tenure');
    const tooMany = await post('/predict/batch', JSON.stringify(Array.from({ length: MAX_BATCH + 1 }, () => goodCustomer)));
    expect(tooMany.status).toBe(413);
  });

  it('POST /predict/batch with no valid row answers 422 with every row\'s errors; an empty batch 400', async () => {
    const { status, json } = await post('/predict/batch', JSON.stringify([{ ...goodCustomer, tenure: -1 }, { ...goodCustomer, Contract: 'Forever' }]));
    expect(status).toBe(422);
    expect(json).toMatchObject({ scored: 0, failed: 2, error: 'none of the 2 customers is valid' });
    expect(json.results.map((r: { index: number; fields: { field: string }[] }) => [r.index, r.fields[0]!.field])).toEqual([[0, 'tenure'], [1, 'Contract']]);
    expect((await post('/predict/batch', JSON.stringify({ customers: [] }))).status).toBe(400);
  });

  it('a port already in use is a usage error that says what to do', async () => {
    const port = Number(new URL(base).port);
    const second = buildApp(fakeModel());
    try {
      await expect(listenOn(second, '127.0.0.1', port)).rejects.toMatchObject({ exitCode: 2, message: `port ${port} on 127.0.0.1 is already in use (another server is running there)`, hint: expect.stringMatching(/--port 0/) });
    } finally {
      await second.close();
    }
  });

  it('answers an oversized body with 413 and non-JSON with 400', async () => {
    expect((await post('/predict', JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }))).status).toBe(413);
    expect((await post('/predict', '{"tenure": 1,')).status).toBe(400);
    expect((await post('/predict', 'tenure=1', 'text/plain')).status).toBe(400);
    expect((await post('/predict', '<tenure>1</tenure>', 'application/xml')).status).toBe(415);
  });

  it('/metrics counts requests by route and status, and prediction scores', async () => {
    const before = await (await fetch(`${base}/metrics`)).text();
    const count = (text: string, route: string, code: string) =>
      Number(new RegExp(`prep_http_requests_total\\{route="${route.replace(/\//g, '\\/')}",status="${code}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    const scored = (text: string) => Number(/prep_prediction_score_count (\d+)/.exec(text)?.[1] ?? 0);
    for (let i = 0; i < 5; i++) await post('/predict', JSON.stringify(goodCustomer));
    for (let i = 0; i < 3; i++) await post('/predict', JSON.stringify({}));
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(count(after, '/predict', '200') - count(before, '/predict', '200')).toBe(5);
    expect(count(after, '/predict', '400') - count(before, '/predict', '400')).toBe(3);
    expect(scored(after) - scored(before)).toBe(5);
    expect(after).toMatch(/prep_http_request_duration_seconds_bucket/);
  });
});

describe('fuzzing /predict with bad payloads', () => {
  it('answers 2,000 generated bad payloads with 4xx only and stays healthy', async () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant('NaN'),
      fc.constant(1e308),
      fc.constant(-1e308),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const mutated = fc
      .record({
        drop: fc.subarray(Object.keys(goodCustomer).filter((k) => k !== 'customerID' && k !== 'TotalCharges'), { minLength: 0 }),
        replace: fc.dictionary(fc.constantFrom('tenure', 'MonthlyCharges', 'Contract'), anyValue, { minKeys: 0, maxKeys: 3 }),
        extra: fc.dictionary(fc.string({ minLength: 1 }).filter((k) => !(k in goodCustomer)), anyValue, { maxKeys: 2 }),
      })
      .map(({ drop, replace, extra }) => {
        const body: Record<string, unknown> = { ...goodCustomer, ...replace, ...extra };
        for (const k of drop) delete body[k];
        return JSON.stringify(body);
      });
    const raw = fc.oneof(
      mutated,
      fc.string(), // mostly not JSON
      fc.integer({ min: 1, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)), // deep nesting
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    const samples = fc.sample(raw, { numRuns: 2000, seed: 42 });
    const statuses = new Map<number, number>();
    let accepted = 0;
    for (const body of samples) {
      const res = await fetch(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status === 200) {
        accepted++; // a mutation that happened to stay valid (e.g. nothing dropped or replaced)
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    const codes = [...statuses.keys()];
    expect(codes.every((c) => c >= 400 && c < 500)).toBe(true);
    expect([...statuses.values()].reduce((a, b) => a + b, 0) + accepted).toBe(2000);
    expect(accepted).toBeLessThan(400);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await post('/predict', JSON.stringify(goodCustomer))).status).toBe(200);
  }, 120_000);
});

describe('a run trained with --group-column', () => {
  const { columns } = fakeModel();
  it('accepts the group column in a request and leaves it out of the scored record; a bad value is a field error', async () => {
    const { validateRecord } = await import('../../src/serve/contract.js');
    for (const group of ['c-17', 17, null]) {
      const checked = validateRecord({ ...goodCustomer, sourceCustomerID: group }, columns, 'customerID', 'sourceCustomerID');
      expect(checked.ok).toBe(true);
      if (checked.ok) expect(checked.record).not.toHaveProperty('sourceCustomerID');
    }
    const bad = validateRecord({ ...goodCustomer, sourceCustomerID: { id: 1 } }, columns, 'customerID', 'sourceCustomerID');
    expect(bad).toEqual({ ok: false, errors: [{ field: 'sourceCustomerID', message: 'must be a string, a number or null' }] });
    // without a group column it is an unknown field, as before
    const unknown = validateRecord({ ...goodCustomer, sourceCustomerID: 'c-17' }, columns, 'customerID');
    expect(unknown).toEqual({ ok: false, errors: [{ field: 'sourceCustomerID', message: 'unknown field: the model was not trained on it' }] });
  });

  it('the served model of a grouped run names its group column (read from the run\'s params)', async () => {
    const grouped = buildApp({ ...fakeModel(), groupColumn: 'sourceCustomerID' });
    const res = await grouped.inject({ method: 'POST', url: '/predict', payload: { ...goodCustomer, sourceCustomerID: 'c-17' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe('7590-VHVEG');
    const info = (await grouped.inject({ method: 'GET', url: '/model' })).json();
    expect([info.idColumn, info.groupColumn]).toEqual(['customerID', 'sourceCustomerID']);
    await grouped.close();
  });
});

describe('columns the lab dropped while cleaning (an identifier-like text column, a constant)', () => {
  it('a request sending whole rows of the table may carry them: accepted, left out of the scored record, named in /model; other extra fields stay errors', async () => {
    const app = buildApp({ ...fakeModel(), droppedColumns: ['Surname', 'Source'] });
    const res = await app.inject({ method: 'POST', url: '/predict', payload: { ...goodCustomer, Surname: 'Hargrave', Source: 'bank' } });
    expect(res.statusCode, res.body).toBe(200);
    const typo = await app.inject({ method: 'POST', url: '/predict', payload: { ...goodCustomer, Surname: 'Hargrave', Surnam: 'x' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().fields).toEqual([{ field: 'Surnam', message: 'unknown field: the model was not trained on it' }]);
    expect((await app.inject({ method: 'GET', url: '/model' })).json().droppedColumns).toEqual(['Surname', 'Source']);
    const { validateRecord } = await import('../../src/serve/contract.js');
    const checked = validateRecord({ ...goodCustomer, Surname: 'Hargrave' }, fakeModel().columns, 'customerID', undefined, ['Surname']);
    expect(checked.ok && checked.record).not.toHaveProperty('Surname');
    await app.close();
  });
});
