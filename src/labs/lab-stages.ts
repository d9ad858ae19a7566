/**
 * Every "lab:stage" a question link or an exercise may name: the labs' recorded stages and the
 * commands that operate a lab's model (serve, loadtest, drift, retrain) or run a test (abtest).
 */
import { stageNames as churnStages } from './churn/types.js';

export const knownLabStages: ReadonlySet<string> = new Set([
  ...[...churnStages, 'serve', 'loadtest', 'drift', 'retrain'].map((s) => `churn:${s}`),
  ...['clean', 'eda', 'rfm', 'kmeans', 'concentration', 'cohorts', 'clv', 'recommendations'].map((s) => `segment:${s}`),
  ...['plan', 'analyze', 'simulate'].map((s) => `abtest:${s}`),
]);
