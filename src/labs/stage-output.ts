/** The figures a lab stage recorded in the user's newest run that has them (for walkthroughs). */
import type { RunStore } from '../data/runs.js';

export interface StageOutput {
  runId: string;
  rows: { key: string; value: number; formula: string }[];
}

export function stageOutput(store: RunStore, labStage: string): StageOutput | undefined {
  const [lab, stage] = labStage.split(':') as [string, string];
  for (const run of store.list({ lab, limit: 50 })) {
    if (run.status !== 'ok') continue;
    const rows = store.metrics(run.id).filter((m) => m.stage === (stage === 'loadtest' ? 'serve' : stage));
    if (rows.length) return { runId: run.id, rows: rows.map((m) => ({ key: m.key, value: m.value, formula: m.formula })) };
  }
  return undefined;
}

/** The command that produces a stage's figures. */
export function commandFor(labStage: string): string {
  const [lab, stage] = labStage.split(':') as [string, string];
  if (lab === 'churn' && ['serve', 'loadtest'].includes(stage)) return 'prep lab churn loadtest';
  if (lab === 'churn' && stage === 'drift') return 'prep lab churn drift --scenario price-rise';
  if (lab === 'churn' && stage === 'retrain') return 'prep lab churn retrain --current FILE.csv';
  return `prep lab ${lab}`;
}
