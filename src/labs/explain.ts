/**
 * `prep explain METRIC`: where a recorded figure came from. Reads the metric from the run store
 * (the newest run that recorded it, or a given run) and pairs its formula and inputs with a plain
 * meaning and an interview sentence from the metric catalog.
 */
import { UsageError } from '../errors.js';
import type { MetricRecord, RunRecord, RunStore } from '../data/runs.js';
import { describeMetric } from './catalogue/index.js';

export interface MetricExplanation {
  runId: string;
  lab: string;
  dataset: string | null;
  key: string;
  value: number;
  unit: string | null;
  stage: string;
  formula: string;
  inputs: Record<string, unknown>;
  meaning: string;
  interview: string;
}

const labsInOrder = ['churn', 'segment', 'abtest'];

/** Accepts "test.recall" or "churn.test.recall" (lab name first, as drills write it). */
function splitLabPrefix(key: string): { lab?: string; key: string } {
  const [first, ...rest] = key.split('.');
  if (rest.length > 0 && labsInOrder.includes(first!)) return { lab: first, key: rest.join('.') };
  return { key };
}

function closest(key: string, keys: string[]): string[] {
  const parts = key.toLowerCase().split('.');
  return keys
    .map((k) => ({ k, score: parts.filter((p) => k.toLowerCase().includes(p)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.k.localeCompare(b.k))
    .slice(0, 6)
    .map((x) => x.k);
}

export function explainMetric(store: RunStore, rawKey: string, options: { runId?: string } = {}): MetricExplanation {
  const { lab, key } = splitLabPrefix(rawKey);
  let run: RunRecord | undefined;
  if (options.runId) {
    run = store.get(options.runId);
  } else {
    for (const l of lab ? [lab] : labsInOrder) {
      run = store.latest(l, key);
      if (run) break;
    }
    if (!run) {
      const anyRun = lab ? store.latest(lab) : labsInOrder.map((l) => store.latest(l)).find(Boolean);
      if (!anyRun) throw new UsageError(`no run has recorded "${key}" yet`, 'Run a lab first, e.g. `prep lab churn`, then explain its metrics.');
      run = anyRun;
    }
  }
  const metric = store.metric(run.id, key);
  const all = store.metrics(run.id);
  if (!metric) {
    const near = closest(key, all.map((m) => m.key));
    throw new UsageError(
      `run ${run.id} has no metric "${key}"`,
      near.length ? `Did you mean: ${near.join(', ')}? \`prep runs show ${run.id}\` lists them all.` : `\`prep runs show ${run.id}\` lists its metrics.`,
    );
  }
  return toExplanation(run, metric, all);
}

export function toExplanation(run: RunRecord, metric: MetricRecord, all: MetricRecord[]): MetricExplanation {
  const others = new Map(all.map((m) => [m.key, m.value]));
  const described = describeMetric(run.lab, { key: metric.key, value: metric.value, inputs: metric.inputs, others }) ?? {
    meaning: `A figure recorded by the ${metric.stage} stage of the ${run.lab} lab, computed as ${metric.formula}.`,
    interview: `"In my run, ${metric.key} came out at ${Number(metric.value.toPrecision(4))}; it is computed as ${metric.formula}."`,
  };
  return {
    runId: run.id,
    lab: run.lab,
    dataset: run.datasetName,
    key: metric.key,
    value: metric.value,
    unit: metric.unit,
    stage: metric.stage,
    formula: metric.formula,
    inputs: metric.inputs,
    ...described,
  };
}
