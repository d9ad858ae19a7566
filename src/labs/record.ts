/**
 * Every figure the lab prints is recorded with its formula and inputs. Stages return their
 * figures through a Recorder (pure: an array underneath), and the pipeline copies them into
 * the run store, so stages can be tested without SQLite.
 */
export interface RecordedMetric {
  key: string;
  value: number;
  stage: string;
  formula: string;
  inputs: Record<string, unknown>;
  unit?: string;
}

export interface Recorder {
  /** Records a figure and returns it, so a stage can write `const auc = rec.metric(...)`. */
  metric(key: string, value: number, formula: string, inputs?: Record<string, unknown>, unit?: string): number;
  readonly metrics: RecordedMetric[];
}

export function createRecorder(stage: string, sink: RecordedMetric[] = []): Recorder {
  return {
    metrics: sink,
    metric(key, value, formula, inputs = {}, unit) {
      sink.push({ key, value, stage, formula, inputs, unit });
      return value;
    },
  };
}

/** Rounds for display and JSON: enough digits to compare runs, few enough to read. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
