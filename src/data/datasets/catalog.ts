/**
 * The datasets bundled with prep, with where they come from. The files live in the package's
 * datasets/ folder (see datasets/PROVENANCE.md); each is built into SQLite under the data home
 * on first use, after its sha256 is checked.
 */
export type DatasetKind = 'table' | 'transactions';

export interface BundledDataset {
  name: string;
  kind: DatasetKind;
  title: string;
  file: string;
  sha256: string;
  rows: number;
  mainTable: string;
  source: string;
  licence: string;
  /** Shown wherever the data is shown. */
  label: string;
  /** ISO 4217 code of its money columns (datasets/PROVENANCE.md), for reports. */
  currency: string;
}

export const bundledDatasets: readonly BundledDataset[] = [
  {
    name: 'telco',
    kind: 'table',
    title: 'IBM Telco customer churn (fictional sample data)',
    file: 'telco_churn_ibm.csv',
    sha256: '16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91',
    rows: 7043,
    mainTable: 'telco',
    source: 'IBM sample data module (IBM/telco-customer-churn-on-icp4d, data/Telco-Customer-Churn.csv)',
    licence: 'Apache-2.0 (stated for the IBM repository as a whole)',
    label: "IBM's fictional Telco sample data: not real customers",
    currency: 'USD',
  },
  {
    name: 'retail',
    kind: 'transactions',
    title: 'UCI Online Retail (a real UK online retailer, 2010-12 to 2011-12)',
    file: 'online_retail.csv.gz',
    sha256: '000b9144bb6e31ebd74f1be4912a94f06f11621f9dbb63fe11c0a4d8c2faa0b3',
    rows: 541909,
    mainTable: 'online_retail',
    source: 'UCI Machine Learning Repository, dataset 352 "Online Retail" (Chen, Sain & Guo 2012), DOI 10.24432/C5BW33',
    licence: 'CC BY 4.0: attribution to Dr Daqing Chen, London South Bank University, via the UCI ML Repository',
    label: 'UCI Online Retail, real transactions (CC BY 4.0, Chen, Sain & Guo 2012)',
    currency: 'GBP',
  },
];

export function findBundled(name: string): BundledDataset | undefined {
  return bundledDatasets.find((d) => d.name === name);
}
