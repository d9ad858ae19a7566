/**
 * Drift scenarios: clearly labelled SIMULATIONS built from the churn lab's held-out rows, so a
 * candidate can see what each kind of shift does to the drift report and to the model. None of
 * them is real production data; `--current FILE` takes a real batch.
 */
import { createRng } from '../../ml/random.js';
import type { CustomerRecord } from '../../serve/contract.js';

export interface LabelledRow {
  record: CustomerRecord;
  /** The true label when known (held-out rows know it). */
  label?: boolean;
}

export interface Scenario {
  name: string;
  title: string;
  /** What was changed, in one sentence shown with the report. */
  description: string;
  build(holdout: LabelledRow[], seed: number): LabelledRow[];
  /** Why the scenario would change nothing in these rows (written for the Telco sample's columns), or undefined when it applies. */
  unavailable?(holdout: LabelledRow[]): string | undefined;
}

/** "no numeric MonthlyCharges or TotalCharges": none of the columns holds a number in any row. */
function lacksNumbers(rows: LabelledRow[], columns: string[]): string | undefined {
  return rows.some((r) => columns.some((c) => typeof r.record[c] === 'number')) ? undefined : `it changes ${columns.join(' and ')}, and these rows have no number in ${columns.length > 1 ? 'either' : 'it'}`;
}

/** resampleWithShare needs rows on both sides of the split it over-weights. */
function lacksBothSides(rows: LabelledRow[], isFavoured: (r: CustomerRecord) => boolean, favoured: string): string | undefined {
  const n = rows.filter((r) => isFavoured(r.record)).length;
  return n === 0 ? `it over-weights ${favoured}, and no row is one` : n === rows.length ? `it over-weights ${favoured}, and every row is one` : undefined;
}

function resampleWithShare(rows: LabelledRow[], isFavoured: (r: CustomerRecord) => boolean, share: number, seed: number): LabelledRow[] {
  const rng = createRng(seed);
  const favoured = rows.filter((r) => isFavoured(r.record));
  const rest = rows.filter((r) => !isFavoured(r.record));
  if (favoured.length === 0 || rest.length === 0) return rows.slice();
  const n = rows.length;
  const nFavoured = Math.round(n * share);
  const out: LabelledRow[] = [];
  for (let i = 0; i < nFavoured; i++) out.push(favoured[rng.int(favoured.length)]!);
  for (let i = nFavoured; i < n; i++) out.push(rest[rng.int(rest.length)]!);
  return rng.shuffle(out);
}

const isNewCustomer = (r: CustomerRecord) => typeof r.tenure === 'number' && r.tenure <= 6;
const isMonthToMonth = (r: CustomerRecord) => r.Contract === 'Month-to-month';

export const scenarios: readonly Scenario[] = [
  {
    name: 'none',
    title: 'No shift (control)',
    description: 'The held-out rows exactly as they are: a drift monitor should report nothing here.',
    build: (holdout) => holdout.slice(),
  },
  {
    name: 'price-rise',
    title: 'Price rise (simulated)',
    description: 'Every MonthlyCharges and TotalCharges raised by 15%; labels kept as they were (a real price rise would also move churn).',
    build: (holdout) =>
      holdout.map((row) => {
        const record = { ...row.record };
        const monthly = record.MonthlyCharges;
        if (typeof monthly === 'number') record.MonthlyCharges = Number((monthly * 1.15).toFixed(2));
        const total = record.TotalCharges;
        if (typeof total === 'number') record.TotalCharges = Number((total * 1.15).toFixed(2));
        return { ...row, record };
      }),
    unavailable: (holdout) => lacksNumbers(holdout, ['MonthlyCharges', 'TotalCharges']),
  },
  {
    name: 'new-customers',
    title: 'Influx of new customers (simulated)',
    description: 'The batch resampled so that 60% of customers have a tenure of 6 months or less (about 20% in training).',
    build: (holdout, seed) => resampleWithShare(holdout, isNewCustomer, 0.6, seed),
    unavailable: (holdout) => lacksBothSides(holdout, isNewCustomer, 'customers with a tenure of 6 months or less'),
  },
  {
    name: 'contract-shift',
    title: 'Shift of contract mix (simulated)',
    description: 'The batch resampled so that 85% of customers are on Month-to-month contracts (about 55% in training).',
    build: (holdout, seed) => resampleWithShare(holdout, isMonthToMonth, 0.85, seed),
    unavailable: (holdout) => lacksBothSides(holdout, isMonthToMonth, 'customers on Month-to-month contracts (column Contract)'),
  },
];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
