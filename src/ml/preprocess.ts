/**
 * Raw records to a model matrix, with every learned value fitted on the training rows only:
 * numeric columns get median imputation (and optional standardisation with the training mean and
 * population standard deviation); a categorical column whose training values are exactly No/Yes
 * becomes one 0/1 flag; any other categorical is one-hot encoded with no level dropped, and a
 * category unseen in training encodes as all zeros (and is counted).
 */
import type { Matrix } from './matrix.js';

export type RawValue = string | number | null | undefined;
export type RawRecord = Record<string, RawValue>;

export interface ColumnSpec {
  name: string;
  kind: 'numeric' | 'categorical';
}

export interface PreprocessorJSON {
  format: 'prep.preprocessor/1';
  standardize: boolean;
  steps: (
    | { column: string; kind: 'numeric'; median: number; mean: number; std: number }
    | { column: string; kind: 'flag'; positive: string }
    | { column: string; kind: 'onehot'; levels: string[] }
  )[];
}

export interface Preprocessor {
  featureNames: string[];
  /** Values that were missing (imputed) or unseen categories (all zeros) in the last transform. */
  lastTransform: { imputed: number; unseen: number };
  transform(records: RawRecord[]): Matrix & { featureNames: string[] };
  toJSON(): PreprocessorJSON;
}

/** Median (the mean of the two middle values for an even count); 0 for no values. */
export function median(values: number[]): number {
  // a typed array sorts numbers without a comparator call per comparison (several times faster on
  // tens of thousands of rows); ±0 and equal values may swap places, which leaves the middle values
  // equal in value
  return medianOfTyped(Float64Array.from(values));
}

/** median() of values it may sort in place. */
function medianOfTyped(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = values.sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isMissing = (v: RawValue): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function fitPreprocessor(records: RawRecord[], columns: ColumnSpec[], options: { standardize?: boolean } = {}): Preprocessor {
  const standardize = options.standardize ?? false;
  const n = records.length;
  // Plain loops over one column at a time, no intermediate arrays of boxed values: at 10x Telco
  // (56,000 training rows) the map/filter/reduce version took 218 ms per fit and grew 15x from 1x.
  // The sums run over the records in the same order, so the fitted values are the same to the bit.
  const steps: PreprocessorJSON['steps'] = columns.map((c) => {
    const name = c.name;
    if (c.kind === 'numeric') {
      // a value that is not a number ('n/a', '?') is missing here as in transform, not a NaN in the median
      const parsed = new Float64Array(n);
      const present = new Uint8Array(n);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const v = records[i]![name];
        if (isMissing(v)) continue;
        const x = Number(v);
        if (!Number.isFinite(x)) continue;
        parsed[i] = x;
        present[i] = 1;
        count++;
      }
      const values = new Float64Array(count);
      for (let i = 0, k = 0; i < n; i++) if (present[i]) values[k++] = parsed[i]!;
      const med = medianOfTyped(values);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += present[i] ? parsed[i]! : med;
      const mean = sum / Math.max(1, n);
      let squares = 0;
      for (let i = 0; i < n; i++) squares += ((present[i] ? parsed[i]! : med) - mean) ** 2;
      const variance = squares / Math.max(1, n);
      return { column: name, kind: 'numeric' as const, median: med, mean, std: Math.sqrt(variance) || 1 };
    }
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const v = records[i]![name];
      if (!isMissing(v)) seen.add(String(v));
    }
    const levels = [...seen].sort();
    if (levels.length === 2 && levels[0] === 'No' && levels[1] === 'Yes') return { column: name, kind: 'flag' as const, positive: 'Yes' };
    return { column: name, kind: 'onehot' as const, levels };
  });
  return preprocessorFromJSON({ format: 'prep.preprocessor/1', standardize, steps });
}

export function preprocessorFromJSON(json: PreprocessorJSON): Preprocessor {
  const featureNames = json.steps.flatMap((s) => (s.kind === 'onehot' ? s.levels.map((l) => `${s.column}=${l}`) : [s.column]));
  const levelIndex = json.steps.map((s) => (s.kind === 'onehot' ? new Map(s.levels.map((l, i) => [l, i])) : undefined));
  const pre: Preprocessor = {
    featureNames,
    lastTransform: { imputed: 0, unseen: 0 },
    toJSON: () => json,
    transform(records) {
      const cols = featureNames.length;
      const data = new Float64Array(records.length * cols);
      let imputed = 0;
      let unseen = 0;
      const steps = json.steps;
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        let j = i * cols;
        for (let s = 0; s < steps.length; s++) {
          const step = steps[s]!;
          const raw = record[step.column];
          if (step.kind === 'numeric') {
            let v: number;
            if (isMissing(raw) || !Number.isFinite(Number(raw))) {
              v = step.median;
              imputed++;
            } else v = Number(raw);
            data[j++] = json.standardize ? (v - step.mean) / step.std : v;
          } else if (step.kind === 'flag') {
            data[j++] = String(raw) === step.positive ? 1 : 0;
          } else {
            const at = isMissing(raw) ? undefined : levelIndex[s]!.get(String(raw));
            if (at === undefined) unseen++;
            else data[j + at] = 1;
            j += step.levels.length;
          }
        }
      }
      pre.lastTransform = { imputed, unseen };
      return { rows: records.length, cols, data, featureNames };
    },
  };
  return pre;
}
