/** A run source built from a frozen metrics table (runs.tsv + params.json), for checks that need no lab run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../src/data/runs.js';
import type { RunSource } from '../../src/story/check.js';

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
  return { runs: list, list: (filter = {}) => list.filter((r) => !filter.lab || r.lab === filter.lab), metrics: (id) => metrics.get(id) ?? [] };
}
