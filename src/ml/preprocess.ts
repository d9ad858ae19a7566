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
  if (values.length === 0) return 0;
  // a typed array sorts numbers without a comparator call per comparison (several times faster on
  // tens of thousands of rows); ±0 and equal values may swap places, which leaves the middle values
  // equal in value
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isMissing = (v: RawValue): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function fitPreprocessor(records: RawRecord[], columns: ColumnSpec[], options: { standardize?: boolean } = {}): Preprocessor {
  const standardize = options.standardize ?? false;
  const steps: PreprocessorJSON['steps'] = columns.map((c) => {
    if (c.kind === 'numeric') {
      // a value that is not a number ('n/a', '?') is missing here as in transform, not a NaN in the median
      const numberOrMissing = (v: RawValue): number | undefined => (isMissing(v) || !Number.isFinite(Number(v)) ? undefined : Number(v));
      const values = records.map((r) => numberOrMissing(r[c.name])).filter((v): v is number => v !== undefined);
      const med = median(values);
      const filled = records.map((r) => numberOrMissing(r[c.name]) ?? med);
      const mean = filled.reduce((a, b) => a + b, 0) / Math.max(1, filled.length);
      const variance = filled.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, filled.length);
      return { column: c.name, kind: 'numeric' as const, median: med, mean, std: Math.sqrt(variance) || 1 };
    }
    const levels = [...new Set(records.map((r) => r[c.name]).filter((v) => !isMissing(v)).map(String))].sort();
    if (levels.length === 2 && levels[0] === 'No' && levels[1] === 'Yes') return { column: c.name, kind: 'flag' as const, positive: 'Yes' };
    return { column: c.name, kind: 'onehot' as const, levels };
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
      records.forEach((record, i) => {
        let j = i * cols;
        json.steps.forEach((step, s) => {
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
        });
      });
      pre.lastTransform = { imputed, unseen };
      return { rows: records.length, cols, data, featureNames };
    },
  };
  return pre;
}
