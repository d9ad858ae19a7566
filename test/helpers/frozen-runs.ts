/** Run sources for checks that need no lab run: a frozen metrics table (runs.tsv + params.json), or runs written in a test. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../src/data/runs.js';
import type { RunSource } from '../../src/story/check.js';
import type { DraftSource } from '../../src/story/draft.js';

export function frozenRuns(dir: string): RunSource & { runs: RunRecord[] } {
  const [header, ...rows] = readFileSync(join(dir, 'runs.tsv'), 'utf8').split('\n').filter(Boolean);
  const cols = header!.split('\t');
  const params = JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const metrics = new Map<string, { key: string; value: number; inputs: Record<string, unknown> }[]>();
  const runs = new Map<string, RunRecord>();
  for (const line of rows) {
    const r = Object.fromEntries(line.split('\t').map((v, i) => [cols[i]!, v]));
    if (!runs.has(r.run!)) {
      runs.set(r.run!, { id: r.run!, lab: r.lab!, datasetName: r.dataset || null, datasetSha256: null, params: params[r.run!] ?? {}, seed: 42, codeVersion: 'fixture', startedAt: r.run!.split('-').slice(1, 3).join('T'), durationMs: 1, status: 'ok', error: null });
      metrics.set(r.run!, []);
    }
    metrics.get(r.run!)!.push({ key: r.key!, value: Number(r.value), inputs: {} });
  }
  const list = [...runs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  // artifacts.json (optional): the runs' JSON artifacts the checker reads, e.g. the churn run's profile
  const artifactsPath = join(dir, 'artifacts.json');
  const artifacts = existsSync(artifactsPath) ? (JSON.parse(readFileSync(artifactsPath, 'utf8')) as Record<string, Record<string, unknown>>) : {};
  return { runs: list, list: (filter = {}) => list.filter((r) => !filter.lab || r.lab === filter.lab), metrics: (id) => metrics.get(id) ?? [], artifact: <T,>(id: string, name: string) => artifacts[id]?.[name] as T | undefined };
}

/** A run written in a test: its lab is the id's first word; a failed run carries the error "boom". */
export interface MemoryRun {
  id: string;
  dataset: string | null;
  startedAt: string;
  metrics: Record<string, number>;
  params?: Record<string, unknown>;
  artifacts?: Record<string, unknown>;
  status?: 'ok' | 'failed';
}

/** Runs held in memory, newest first as the run store lists them, read as both the drafter and the checker read a store. */
export function memoryRuns(runs: MemoryRun[]): DraftSource & RunSource {
  const records: RunRecord[] = runs
    .map((r) => ({ id: r.id, lab: r.id.split('-')[0]!, datasetName: r.dataset, datasetSha256: null, params: r.params ?? {}, seed: 42, codeVersion: 'test', startedAt: r.startedAt, durationMs: 1, status: r.status ?? 'ok', error: r.status === 'failed' ? 'boom' : null }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const byId = new Map(runs.map((r) => [r.id, r]));
  return {
    list: () => records,
    latest: (lab, withMetric, dataset) => records.find((r) => r.lab === lab && (dataset === undefined || r.datasetName === dataset) && (!withMetric || byId.get(r.id)!.metrics[withMetric] !== undefined)),
    metrics: (id) => Object.entries(byId.get(id)!.metrics).map(([key, value]) => ({ key, value, inputs: {} })),
    artifact: <T,>(id: string, name: string) => byId.get(id)?.artifacts?.[name] as T | undefined,
  };
}
