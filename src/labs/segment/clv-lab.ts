/** `prep lab clv`: stage 7 alone, on any transactions dataset, recorded as a segment run. */
import { ensureBuilt } from '../../data/datasets/build.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { RunStore } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { createRecorder, type RecordedMetric } from '../record.js';
import { runClv } from './clv.js';
import { cleaningReport, customerDays } from './transactions.js';

export async function runClvLab(dataset: string, calibrationEnd?: string, store = new RunStore()) {
  await ensureBuilt(dataset);
  const { db, meta } = openDatasetReadOnly(dataset);
  try {
    if (meta.kind !== 'transactions') throw new UsageError(`dataset "${meta.name}" is a table, not transactions`);
    const lastDay = cleaningReport(db).lastDate.slice(0, 10);
    const recorded: RecordedMetric[] = [];
    const clv = runClv(customerDays(db), { calibrationEnd, lastDay }, createRecorder('clv', recorded));
    const active = store.start({ lab: 'segment', dataset: { name: meta.name, sha256: meta.sha256 }, params: { stage: 'clv', calibrationEnd: clv.calibrationEnd } });
    for (const m of recorded) active.metric(m.key, m.value, { stage: m.stage, formula: m.formula, inputs: m.inputs, unit: m.unit });
    active.finish();
    return { runId: active.id, clv };
  } finally {
    db.close();
  }
}
