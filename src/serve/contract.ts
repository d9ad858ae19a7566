/**
 * What the prediction API needs from a saved model, and the validation of one customer record
 * against the columns the model was trained on. The schema is generated from the training data:
 * types, allowed category values, numeric ranges seen in training, required fields, and no
 * unknown fields. Validation is written out here (rather than as an ajv route schema) because
 * /predict/batch must validate row by row and report each row's errors without failing the rest,
 * and because the messages should name the field and what was expected in plain words.
 */
export interface NumericColumn {
  name: string;
  type: 'numeric';
  min: number;
  max: number;
  integer: boolean;
  /** Missing values allowed (they were missing in training and the model imputes them). */
  nullable: boolean;
}

export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  values: string[];
  nullable: boolean;
}

export type TrainingColumn = NumericColumn | CategoricalColumn;

export type CustomerRecord = Record<string, string | number | null>;

export interface Reason {
  feature: string;
  value: number;
  shap: number;
}

export interface Prediction {
  probability: number;
  label: boolean;
  reasons: Reason[];
}

/** A loaded model, ready to score validated records. */
export interface ServableModel {
  runId: string;
  datasetName: string;
  datasetSha256: string;
  modelName: string;
  threshold: number;
  positiveLabel: string;
  idColumn?: string;
  /** The run's --group-column (rows of one customer kept together when it was trained): accepted in a request and ignored, as it is not a feature. */
  groupColumn?: string;
  /** Columns of the training data the lab dropped as carrying nothing (an identifier, a constant): a client sending whole rows of that table may include them; they are ignored. */
  droppedColumns: string[];
  columns: TrainingColumn[];
  trainingMetrics: Record<string, number>;
  /** Scores records that passed validation; reasons are the top SHAP contributions by magnitude. */
  predict(records: CustomerRecord[], topReasons: number): Prediction[];
}

export interface FieldError {
  field: string;
  message: string;
}

const MAX_STRING = 200;
/** The column names of each schema, and each categorical column's values, built once rather than per request. */
const knownNames = new WeakMap<TrainingColumn[], Set<string>>();
const valueSets = new WeakMap<CategoricalColumn, Set<string>>();
function allowedValues(column: CategoricalColumn): Set<string> {
  let set = valueSets.get(column);
  if (!set) valueSets.set(column, (set = new Set(column.values)));
  return set;
}

/** Validates one record; returns the cleaned record or the list of field errors. */
export function validateRecord(
  input: unknown,
  columns: TrainingColumn[],
  idColumn?: string,
  groupColumn?: string,
  droppedColumns: readonly string[] = [],
): { ok: true; record: CustomerRecord } | { ok: false; errors: FieldError[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', message: 'expected a JSON object with one customer' }] };
  }
  const errors: FieldError[] = [];
  const source = input as Record<string, unknown>;
  let known = knownNames.get(columns);
  if (!known) knownNames.set(columns, (known = new Set(columns.map((c) => c.name))));
  for (const key of Object.keys(source)) {
    if (!known.has(key) && key !== idColumn && key !== groupColumn && !droppedColumns.includes(key)) {
      errors.push({ field: key.slice(0, MAX_STRING), message: 'unknown field: the model was not trained on it' });
    }
  }
  const record: CustomerRecord = {};
  if (idColumn && idColumn in source) {
    const id = source[idColumn];
    if (typeof id !== 'string' && typeof id !== 'number') errors.push({ field: idColumn, message: 'must be a string or a number' });
    else record[idColumn] = typeof id === 'string' ? id.slice(0, MAX_STRING) : id;
  }
  if (groupColumn && groupColumn !== idColumn && groupColumn in source) {
    const group = source[groupColumn];
    if (group !== null && typeof group !== 'string' && typeof group !== 'number') errors.push({ field: groupColumn, message: 'must be a string, a number or null' });
  }
  for (const column of columns) {
    const value = source[column.name];
    if (value === undefined || value === null) {
      if (column.nullable) record[column.name] = null;
      else errors.push({ field: column.name, message: 'required' });
      continue;
    }
    if (column.type === 'numeric') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push({ field: column.name, message: `must be a number${typeof value === 'string' ? ` (got the string "${value.slice(0, 40)}")` : ''}` });
      } else if (column.integer && !Number.isInteger(value)) {
        errors.push({ field: column.name, message: 'must be a whole number' });
      } else if (value < column.min || value > column.max) {
        errors.push({ field: column.name, message: `must be between ${column.min} and ${column.max}, the range seen in training` });
      } else {
        record[column.name] = value;
      }
    } else if (typeof value !== 'string') {
      errors.push({ field: column.name, message: `must be one of ${column.values.map((v) => JSON.stringify(v)).join(', ')}` });
    } else if (!allowedValues(column).has(value)) {
      errors.push({ field: column.name, message: `"${value.slice(0, 40)}" is not a category seen in training; expected one of ${column.values.map((v) => JSON.stringify(v)).join(', ')}` });
    } else {
      record[column.name] = value;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, record };
}
