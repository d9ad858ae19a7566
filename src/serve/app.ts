/**
 * The churn model's prediction API (fastify): /predict, /predict/batch, /health, /model, /metrics.
 * Bad input gets a 400 with field-level messages (a batch with no valid row a 422), an oversized body a 413; the handlers never
 * throw past fastify, so the server stays up whatever it is sent.
 */
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { UsageError } from '../errors.js';
import { validateRecord, type ServableModel } from './contract.js';

export const MAX_BATCH = 1000;
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const TOP_REASONS = 3;

export interface AppOptions {
  logger?: boolean;
}

export function buildApp(model: ServableModel, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // Never coerce or strip: a wrong type is the client's error to fix, not ours to guess.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'prep_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'prep_http_request_duration_seconds',
    help: 'Request latency in seconds, from the request arriving to the response being sent',
    labelNames: ['route'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const scores = new Histogram({
    name: 'prep_prediction_score',
    help: 'Predicted churn probability of every scored customer',
    buckets: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
    registers: [registry],
  });

  // Label children are looked up once per route and status: prom-client hashes the labels on every call otherwise.
  const requestCounters = new Map<string, { inc(): void }>();
  const latencyByRoute = new Map<string, { observe(value: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${route} ${reply.statusCode}`;
    let counter = requestCounters.get(key);
    if (!counter) requestCounters.set(key, (counter = requests.labels({ route, status: String(reply.statusCode) })));
    counter.inc();
    let timer = latencyByRoute.get(route);
    if (!timer) latencyByRoute.set(route, (timer = latency.labels({ route })));
    timer.observe(reply.elapsedTime / 1000);
    done();
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    const message =
      status === 413 ? `request body is larger than ${BODY_LIMIT_BYTES} bytes` : status === 500 ? 'internal error' : error.message;
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url}` }));

  const modelInfo = {
    runId: model.runId,
    dataset: { name: model.datasetName, sha256: model.datasetSha256 },
    model: model.modelName,
    threshold: model.threshold,
    positiveLabel: model.positiveLabel,
    trainingMetrics: model.trainingMetrics,
    columns: model.columns,
    // fields a request may carry besides the columns: the id is echoed back, the group and the dropped columns ignored
    idColumn: model.idColumn ?? null,
    groupColumn: model.groupColumn ?? null,
    droppedColumns: model.droppedColumns,
  };

  app.get('/health', async () => ({ status: 'ok', runId: model.runId }));
  app.get('/model', async () => modelInfo);
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  // A response schema lets fastify serialise with fast-json-stringify instead of JSON.stringify.
  const predictionSchema = {
    type: 'object',
    properties: {
      id: { type: ['string', 'number'] },
      probability: { type: 'number' },
      label: { type: 'boolean' },
      reasons: { type: 'array', items: { type: 'object', properties: { feature: { type: 'string' }, value: { type: 'number' }, shap: { type: 'number' } }, required: ['feature', 'value', 'shap'] } },
      threshold: { type: 'number' },
      runId: { type: 'string' },
    },
    required: ['probability', 'label', 'reasons', 'threshold', 'runId'],
  };
  const invalidSchema = {
    type: 'object',
    properties: { error: { type: 'string' }, fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
  };
  app.post('/predict', { schema: { response: { 200: predictionSchema, 400: invalidSchema } } }, async (request, reply) => {
    const checked = validateRecord(request.body, model.columns, model.idColumn, model.groupColumn, model.droppedColumns);
    if (!checked.ok) return reply.code(400).send({ error: 'invalid customer', fields: checked.errors });
    const [prediction] = model.predict([checked.record], TOP_REASONS);
    scores.observe(prediction!.probability);
    return { ...idOf(checked.record, model.idColumn), ...prediction, threshold: model.threshold, runId: model.runId };
  });

  app.post('/predict/batch', async (request, reply) => {
    const body = request.body as { customers?: unknown } | unknown[] | null;
    const rows = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { customers?: unknown }).customers) ? ((body as { customers: unknown[] }).customers) : undefined;
    if (!rows) return reply.code(400).send({ error: 'expected a JSON array of customers, or {"customers": [...]}' });
    if (rows.length > MAX_BATCH) return reply.code(413).send({ error: `at most ${MAX_BATCH} customers per batch; got ${rows.length}` });
    if (rows.length === 0) return reply.code(400).send({ error: 'the batch is empty: send at least one customer' });
    const checked = rows.map((row) => validateRecord(row, model.columns, model.idColumn, model.groupColumn, model.droppedColumns));
    const valid = checked.flatMap((c, index) => (c.ok ? [{ index, record: c.record }] : []));
    // nothing could be scored: the request as a whole failed, so say so in the status, with every row's errors
    if (valid.length === 0) {
      return reply.code(422).send({ error: `none of the ${rows.length} customers is valid`, scored: 0, failed: rows.length, results: checked.map((c, index) => ({ index, ok: false, fields: c.ok ? [] : c.errors })) });
    }
    const predictions = model.predict(valid.map((v) => v.record), TOP_REASONS);
    const results: unknown[] = checked.map((c, index) => (c.ok ? undefined : { index, ok: false, fields: c.errors }));
    valid.forEach((v, i) => {
      scores.observe(predictions[i]!.probability);
      results[v.index] = { index: v.index, ok: true, ...idOf(v.record, model.idColumn), ...predictions[i] };
    });
    return { runId: model.runId, threshold: model.threshold, scored: valid.length, failed: rows.length - valid.length, results };
  });

  return app;
}

function idOf(record: Record<string, unknown>, idColumn?: string): { id?: unknown } {
  return idColumn && record[idColumn] !== undefined ? { id: record[idColumn] } : {};
}

/** Starts listening; a port in use or one that needs privileges is a usage error that says what to do. */
export async function listenOn(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${host} is already in use (another server is running there)`, 'Stop that server, pass another --port, or --port 0 for a free one.');
    if (code === 'EACCES') throw new UsageError(`port ${port} on ${host} needs privileges this user does not have`, 'Ports below 1024 usually need root: pass --port 8080, or --port 0 for a free one.');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${host}: no such interface on this machine`, 'Use --host 127.0.0.1 (the default) or an address this machine has.');
    throw error;
  }
}
