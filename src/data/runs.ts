/**
 * The run store: every lab run, every number it printed (with the formula and inputs that
 * produced it), and its artifacts (the saved model, curves, tables). `prep runs`, `prep explain`,
 * drills, exercises and the story checker all read from here.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion } from '../env.js';
import { PrepError, UsageError } from '../errors.js';
import { onInterrupt, processExists } from '../cleanup.js';
import { openState, type StateDb } from './state.js';

export type RunStatus = 'running' | 'ok' | 'failed';

export interface RunRecord {
  id: string;
  lab: string;
  datasetName: string | null;
  datasetSha256: string | null;
  params: Record<string, unknown>;
  seed: number | null;
  codeVersion: string;
  startedAt: string;
  durationMs: number | null;
  status: RunStatus;
  error: string | null;
}

export interface MetricRecord {
  runId: string;
  key: string;
  value: number;
  stage: string;
  /** How the value is computed, in words or symbols: "tp / (tp + fn)". */
  formula: string;
  /** The values the formula was applied to: { tp: 196, fn: 178 }. */
  inputs: Record<string, unknown>;
  unit: string | null;
}

export interface MetricDetail {
  stage: string;
  formula: string;
  inputs?: Record<string, unknown>;
  unit?: string;
}

export interface StartRunOptions {
  lab: string;
  dataset?: { name: string; sha256: string };
  params?: Record<string, unknown>;
  seed?: number;
}

/** A run in progress: record metrics and artifacts as stages finish, then finish or fail it. */
export interface ActiveRun {
  readonly id: string;
  metric(key: string, value: number, detail: MetricDetail): number;
  artifact(name: string, value: unknown): void;
  blob(name: string, value: Buffer): void;
  finish(): RunRecord;
  fail(error: unknown): RunRecord;
}

interface RunRow {
  id: string;
  lab: string;
  dataset_name: string | null;
  dataset_sha256: string | null;
  params: string;
  seed: number | null;
  code_version: string;
  started_at: string;
  duration_ms: number | null;
  status: RunStatus;
  error: string | null;
}

interface MetricRow {
  run_id: string;
  key: string;
  value: number;
  stage: string;
  formula: string;
  inputs: string;
  unit: string | null;
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    lab: row.lab,
    datasetName: row.dataset_name,
    datasetSha256: row.dataset_sha256,
    params: parseStored<Record<string, unknown>>(row.params, {}, `the parameters of run ${row.id}`),
    seed: row.seed,
    codeVersion: row.code_version,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    status: row.status,
    error: row.error,
  };
}

function toMetric(row: MetricRow): MetricRecord {
  return {
    runId: row.run_id,
    key: row.key,
    value: row.value,
    stage: row.stage,
    formula: row.formula,
    inputs: parseStored<Record<string, unknown>>(row.inputs, {}, `the inputs of metric ${row.key} of run ${row.run_id}`),
    unit: row.unit,
  };
}

/**
 * JSON stored in state.db, read back without trusting it: a row damaged by hand or by a crash
 * costs that one field (with a note saying so), never every command that reads the table.
 */
function parseStored<T>(json: string, fallback: T, what: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    warnOnce(`prep: ${what} in state.db is not valid JSON; shown as ${JSON.stringify(fallback)}. Rerun the lab to record it again.`);
    return fallback;
  }
}

const warned = new Set<string>();
function warnOnce(line: string): void {
  if (warned.has(line)) return;
  warned.add(line);
  process.stderr.write(`${line}\n`);
}

let codeVersionCache: string | undefined;

/** Package version plus the git commit when prep runs from a checkout. */
export function codeVersion(): string {
  if (codeVersionCache) return codeVersionCache;
  let version = packageVersion();
  if (existsSync(join(packageRoot, '.git'))) {
    try {
      const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
        cwd: packageRoot,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
      if (commit) version += `+${commit}`;
    } catch {
      // not a git checkout we can read: the package version alone is still true
    }
  }
  codeVersionCache = version;
  return version;
}

function newRunId(lab: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${lab}-${stamp}-${randomBytes(2).toString('hex')}`;
}

export class RunStore {
  constructor(private readonly db: StateDb = openState()) {}

  /** Writes metrics and JSON artifacts of one run (shared by new runs and amended ones). */
  private recorder(id: string): Pick<ActiveRun, 'metric' | 'artifact'> {
    const insertMetric = this.db.prepare(
      `INSERT OR REPLACE INTO metrics (run_id, key, value, stage, formula, inputs, unit) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertArtifact = this.db.prepare(`INSERT OR REPLACE INTO artifacts (run_id, name, json, blob, created_at) VALUES (?, ?, ?, NULL, ?)`);
    return {
      metric: (key, value, detail) => {
        if (!Number.isFinite(value)) throw new PrepError(`metric ${key} is not a finite number (${value}); refusing to record it`);
        insertMetric.run(id, key, value, detail.stage, detail.formula, JSON.stringify(detail.inputs ?? {}), detail.unit ?? null);
        return value;
      },
      artifact: (name, value) => {
        insertArtifact.run(id, name, JSON.stringify(value), new Date().toISOString());
      },
    };
  }

  start(options: StartRunOptions): ActiveRun {
    const started = new Date();
    const t0 = performance.now();
    this.markAbandoned();
    const insert = this.db.prepare(
      `INSERT INTO runs (id, lab, dataset_name, dataset_sha256, params, seed, code_version, started_at, status, pid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
    );
    // ids are short enough to type (2 random bytes after the second): two runs started in the same
    // second share a suffix once in 65,536, so a taken id is drawn again rather than failing the run
    let id = newRunId(options.lab, started);
    // Ctrl-C, SIGTERM or an exit before finish() marks the run failed at once, not 6 hours later
    // (registered before the row exists: a signal in between would find no handler)
    const forget = onInterrupt(() => {
      if (this.db.open) this.db.prepare(`UPDATE runs SET status = 'failed', duration_ms = ?, error = ? WHERE id = ? AND status = 'running'`).run(performance.now() - t0, 'interrupted: the process was stopped before the run finished', id);
    });
    for (let attempt = 1; ; attempt++) {
      try {
        insert.run(id, options.lab, options.dataset?.name ?? null, options.dataset?.sha256 ?? null, JSON.stringify(options.params ?? {}), options.seed ?? null, codeVersion(), started.toISOString(), process.pid);
        break;
      } catch (error) {
        const taken = (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') && /runs\.id/.test((error as Error).message);
        if (!taken || attempt >= 20) {
          forget();
          throw error;
        }
        id = newRunId(options.lab, started);
      }
    }
    const end = (status: RunStatus, error: string | null): RunRecord => {
      forget();
      this.db
        .prepare(`UPDATE runs SET status = ?, duration_ms = ?, error = ? WHERE id = ?`)
        .run(status, performance.now() - t0, error, id);
      return this.get(id);
    };
    const { metric, artifact } = this.recorder(id);
    return {
      id,
      metric,
      artifact,
      blob: (name, value) => {
        this.db.prepare(`INSERT OR REPLACE INTO artifacts (run_id, name, json, blob, created_at) VALUES (?, ?, NULL, ?, ?)`).run(id, name, value, new Date().toISOString());
      },
      finish: () => end('ok', null),
      fail: (error) => end('failed', error instanceof Error ? error.message : String(error)),
    };
  }

  /**
   * Adds metrics and artifacts to a finished run: serving and monitoring figures measured later
   * belong to the model's run (so `{{churn.serve.latencyP50Ms}}` resolves with the model it measured).
   */
  amend(runId: string): Pick<ActiveRun, 'id' | 'metric' | 'artifact'> {
    const id = this.get(runId).id;
    return { id, ...this.recorder(id) };
  }

  /** Runs, newest first. */
  list(filter: { lab?: string; limit?: number } = {}): RunRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM runs WHERE (@lab IS NULL OR lab = @lab) ORDER BY started_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ lab: filter.lab ?? null, limit: filter.limit ?? -1 }) as RunRow[];
    return rows.map(toRun);
  }

  find(id: string): RunRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  /** A run by id; a unique prefix is enough. Unknown ids are a usage error that says how to list runs. */
  get(idOrPrefix: string): RunRecord {
    const exact = this.find(idOrPrefix);
    if (exact) return exact;
    const matches = this.db
      .prepare(`SELECT * FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC LIMIT 2`)
      .all(`${idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as RunRow[];
    if (matches.length === 1) return toRun(matches[0]!);
    if (matches.length > 1) throw new UsageError(`run id "${idOrPrefix}" is ambiguous`, 'Give more of the id; `prep runs list` shows them.');
    throw new UsageError(`no run with id "${idOrPrefix}"`, 'See `prep runs list` for the runs recorded here.');
  }

  /**
   * The newest successful run of a lab, optionally only among runs that recorded a given metric,
   * and only on one dataset (so figures quoted together come from the same data).
   */
  latest(lab: string, withMetric?: string, dataset?: string): RunRecord | undefined {
    const onDataset = dataset === undefined ? '' : ' AND r.dataset_name = @dataset';
    const row = (
      withMetric
        ? this.db
            .prepare(
              `SELECT r.* FROM runs r JOIN metrics m ON m.run_id = r.id AND m.key = @key
               WHERE r.lab = @lab AND r.status = 'ok'${onDataset} ORDER BY r.started_at DESC, r.rowid DESC LIMIT 1`,
            )
            .get({ key: withMetric, lab, ...(dataset === undefined ? {} : { dataset }) })
        : this.db
            .prepare(`SELECT r.* FROM runs r WHERE r.lab = @lab AND r.status = 'ok'${onDataset} ORDER BY r.started_at DESC, r.rowid DESC LIMIT 1`)
            .get({ lab, ...(dataset === undefined ? {} : { dataset }) })
    ) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  metrics(runId: string): MetricRecord[] {
    return (this.db.prepare(`SELECT * FROM metrics WHERE run_id = ? ORDER BY stage, key`).all(runId) as MetricRow[]).map(toMetric);
  }

  metric(runId: string, key: string): MetricRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM metrics WHERE run_id = ? AND key = ?`).get(runId, key) as MetricRow | undefined;
    return row ? toMetric(row) : undefined;
  }

  artifactNames(runId: string): { name: string; kind: 'json' | 'blob'; bytes: number }[] {
    return this.db
      .prepare(
        `SELECT name, CASE WHEN json IS NOT NULL THEN 'json' ELSE 'blob' END AS kind,
                COALESCE(length(json), length(blob), 0) AS bytes FROM artifacts WHERE run_id = ? ORDER BY name`,
      )
      .all(runId) as { name: string; kind: 'json' | 'blob'; bytes: number }[];
  }

  artifact<T = unknown>(runId: string, name: string): T | undefined {
    const row = this.db.prepare(`SELECT json FROM artifacts WHERE run_id = ? AND name = ?`).get(runId, name) as
      | { json: string | null }
      | undefined;
    if (row?.json == null) return undefined;
    try {
      return JSON.parse(row.json) as T;
    } catch {
      throw new PrepError(`the artifact "${name}" of run ${runId} in state.db is damaged (not valid JSON)`, 'Rerun the lab to record a fresh run; `prep runs list` shows the others.');
    }
  }

  blob(runId: string, name: string): Buffer | undefined {
    const row = this.db.prepare(`SELECT blob FROM artifacts WHERE run_id = ? AND name = ?`).get(runId, name) as
      | { blob: Buffer | null }
      | undefined;
    return row?.blob ?? undefined;
  }

  /**
   * Marks runs left 'running' by a process that is gone (killed with -9, a crash) as failed, so they
   * are not mistaken for live ones: at once when their process no longer exists, else after 6 hours
   * (a reused pid, or a run recorded before pids were).
   */
  markAbandoned(olderThanMs = 6 * 60 * 60 * 1000): number {
    const cutoff = new Date(Date.now() - olderThanMs).toISOString();
    const running = this.db.prepare(`SELECT id, pid, started_at FROM runs WHERE status = 'running'`).all() as { id: string; pid: number | null; started_at: string }[];
    const abandoned = running.filter((r) => r.started_at < cutoff || (r.pid !== null && r.pid !== process.pid && !processExists(r.pid)));
    const mark = this.db.prepare(`UPDATE runs SET status = 'failed', error = 'abandoned: the process ended before the run finished' WHERE id = ? AND status = 'running'`);
    for (const r of abandoned) mark.run(r.id);
    return abandoned.length;
  }
}

export interface MetricDiff {
  key: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

/** Metric-by-metric comparison of two runs, keys in order; a key missing on one side has null there. */
export function diffRuns(store: RunStore, a: string, b: string): { a: RunRecord; b: RunRecord; params: { key: string; a: unknown; b: unknown }[]; metrics: MetricDiff[] } {
  const runA = store.get(a);
  const runB = store.get(b);
  const ma = new Map(store.metrics(runA.id).map((m) => [m.key, m.value]));
  const mb = new Map(store.metrics(runB.id).map((m) => [m.key, m.value]));
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  const metrics = keys.map((key) => {
    const va = ma.get(key) ?? null;
    const vb = mb.get(key) ?? null;
    return { key, a: va, b: vb, delta: va !== null && vb !== null ? vb - va : null };
  });
  const paramKeys = [...new Set([...Object.keys(runA.params), ...Object.keys(runB.params)])].sort();
  const params = paramKeys
    .map((key) => ({ key, a: runA.params[key], b: runB.params[key] }))
    .filter((p) => JSON.stringify(p.a) !== JSON.stringify(p.b));
  return { a: runA, b: runB, params, metrics };
}
