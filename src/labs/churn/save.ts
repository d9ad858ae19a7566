/**
 * Stage 12, save: the model and its preprocessing as one JSON artifact (`model`), and the data
 * needed later for drift checks (`reference`). The serving API validates requests against
 * `columns` (types, categories and numeric ranges seen in training) and scores with the
 * engineered features recomputed from the registry, then the preprocessor, then the trees.
 */
import { valueRange } from '../../ml/matrix.js';
import type { ColumnInfo, RawRow } from './extract.js';
import type { ModelParams } from './models.js';
import type { ModelName } from './types.js';

export const modelArtifactFormat = 'prep.churn-model/1';

export type TrainingColumn =
  | { name: string; type: 'numeric'; min: number; max: number; integer: boolean; nullable: boolean }
  | { name: string; type: 'categorical'; values: string[]; nullable: boolean };

export interface ChurnModelArtifact {
  format: typeof modelArtifactFormat;
  dataset: { name: string; sha256: string };
  seed: number;
  modelName: ModelName;
  params: ModelParams;
  threshold: number;
  targetColumn: string;
  positiveLabel: string;
  idColumn: string | null;
  /** The raw columns a request must carry (after cleaning), with what training saw. */
  columns: TrainingColumn[];
  /** Names from the engineered feature registry (src/labs/churn/features.ts), computed before preprocessing. */
  engineeredFeatures: string[];
  featureNames: string[];
  preprocessor: unknown;
  model: unknown;
  trainingMetrics: Record<string, number>;
  /** Columns of the dataset the clean stage dropped (identifiers, constants, always missing): a request may carry them and they are ignored. Absent in artifacts saved before it was recorded. */
  droppedColumns?: string[];
}

export interface ReferenceArtifact {
  columns: string[];
  training: RawRow[];
  holdout: { record: RawRow; label: boolean }[];
  /** Customer ids of the training rows (runs with an id column; older runs lack it): drift and retrain use them to find rows the model has seen. */
  trainingIds?: string[];
}

export function describeTrainingColumns(columns: ColumnInfo[], rows: RawRow[]): TrainingColumn[] {
  return columns.map((c) => {
    const values = rows.map((r) => r[c.name] ?? null);
    const nullable = values.some((v) => v === null);
    if (c.kind === 'numeric') {
      const nums = values.filter((v): v is number => typeof v === 'number');
      const { min, max } = valueRange(nums);
      return { name: c.name, type: 'numeric', min, max, integer: nums.every(Number.isInteger), nullable };
    }
    return { name: c.name, type: 'categorical', values: [...new Set(values.filter((v) => v !== null).map(String))].sort(), nullable };
  });
}
