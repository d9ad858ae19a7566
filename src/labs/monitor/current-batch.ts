/**
 * Reads a real current batch for `prep lab churn drift --current FILE` / `retrain --current FILE`:
 * a CSV (plain or .gz) with the model's training columns; the target column, when present, gives
 * labels so performance can be compared too.
 */
import { readCsv } from '../../data/datasets/csv-source.js';
import { isMissing } from '../../data/datasets/typing.js';
import { UsageError } from '../../errors.js';
import type { CustomerRecord, TrainingColumn } from '../../serve/contract.js';
import type { LabelledRow } from './scenarios.js';

export async function readCurrentBatch(
  file: string,
  columns: TrainingColumn[],
  target: { column: string; positive: string },
  idColumn?: string,
): Promise<{ rows: LabelledRow[]; labelled: boolean }> {
  let header: string[] | undefined;
  const rows: LabelledRow[] = [];
  let targetAt = -1;
  for await (const { fields, line } of readCsv(file)) {
    if (!header) {
      header = fields;
      const missing = columns.filter((c) => !header!.includes(c.name)).map((c) => c.name);
      if (missing.length) throw new UsageError(`${file}:1: missing training column(s): ${missing.join(', ')}`);
      targetAt = header.indexOf(target.column);
      continue;
    }
    const record: CustomerRecord = {};
    for (const c of columns) {
      const raw = fields[header.indexOf(c.name)]!;
      if (isMissing(raw)) record[c.name] = null;
      else if (c.type === 'numeric') {
        const value = Number(raw.trim());
        if (!Number.isFinite(value)) throw new UsageError(`${file}:${line}: column "${c.name}": "${raw}" is not a number`);
        record[c.name] = value;
      } else record[c.name] = raw;
    }
    if (idColumn && header.includes(idColumn)) record[idColumn] = fields[header.indexOf(idColumn)]!;
    const label = targetAt >= 0 && !isMissing(fields[targetAt]!) ? fields[targetAt]!.trim() === target.positive : undefined;
    rows.push({ record, label });
  }
  if (!header) throw new UsageError(`${file}: the file is empty`);
  if (rows.length === 0) throw new UsageError(`${file}: no data rows`);
  return { rows, labelled: rows.every((r) => r.label !== undefined) };
}
