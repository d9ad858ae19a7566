import type { CustomerRecord, ServableModel, TrainingColumn } from '../../src/serve/contract.js';

/** A tiny stand-in model with Telco-like columns, so the server is tested without a lab run. */
export function fakeModel(): ServableModel {
  const columns: TrainingColumn[] = [
    { name: 'tenure', type: 'numeric', min: 0, max: 72, integer: true, nullable: false },
    { name: 'MonthlyCharges', type: 'numeric', min: 18.25, max: 118.75, integer: false, nullable: false },
    { name: 'TotalCharges', type: 'numeric', min: 18.8, max: 8684.8, integer: false, nullable: true },
    { name: 'Contract', type: 'categorical', values: ['Month-to-month', 'One year', 'Two year'], nullable: false },
  ];
  return {
    runId: 'churn-test-run',
    datasetName: 'telco',
    datasetSha256: 'abc',
    modelName: 'fake_linear',
    threshold: 0.4,
    positiveLabel: 'Yes',
    idColumn: 'customerID',
    droppedColumns: [],
    columns,
    trainingMetrics: { 'test.auc': 0.5 },
    predict(records: CustomerRecord[]) {
      return records.map((r) => {
        const contributions = [
          { feature: 'tenure', value: r.tenure as number, shap: -0.03 * (r.tenure as number) + 1 },
          { feature: 'MonthlyCharges', value: r.MonthlyCharges as number, shap: 0.01 * ((r.MonthlyCharges as number) - 65) },
          { feature: 'Contract=Month-to-month', value: r.Contract === 'Month-to-month' ? 1 : 0, shap: r.Contract === 'Month-to-month' ? 0.8 : -0.8 },
        ];
        const margin = -1 + contributions.reduce((s, c) => s + c.shap, 0);
        const probability = 1 / (1 + Math.exp(-margin));
        const reasons = [...contributions].sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap)).slice(0, 3);
        return { probability, label: probability >= 0.4, reasons };
      });
    },
  };
}

export const goodCustomer = { customerID: '7590-VHVEG', tenure: 1, MonthlyCharges: 29.85, TotalCharges: 29.85, Contract: 'Month-to-month' };
