import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../../src/data/datasets/store.js';
import { extractChurnTable, positiveOfPair } from '../../../src/labs/churn/extract.js';
import { profileTable } from '../../../src/labs/churn/profile.js';
import { cleanTable, missingCategory } from '../../../src/labs/churn/clean.js';
import { addEngineeredFeatures, applicableFeatures } from '../../../src/labs/churn/features.js';
import { createRecorder } from '../../../src/labs/record.js';
import { UsageError } from '../../../src/errors.js';
import { categoricalGroups } from '../../../src/ml/smote.js';

function tableDb(rows: Record<string, string | number | null>[], types: Record<string, string>) {
  const db = new Database(':memory:');
  const cols = Object.keys(types);
  db.exec(`CREATE TABLE data (${cols.map((c) => `"${c}" ${types[c]}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO data VALUES (${cols.map(() => '?').join(', ')})`);
  for (const r of rows) insert.run(...cols.map((c) => r[c] ?? null));
  const meta = { name: 'toy', kind: 'table', mainTable: 'data', sha256: 'x', label: 'toy data', title: 'Toy' } as DatasetMeta;
  return { db, meta };
}

const types = { cust: 'TEXT', tenure: 'INTEGER', TotalCharges: 'REAL', plan: 'TEXT', left: 'TEXT' };
function toyRows(n: number, positiveEvery = 3) {
  return Array.from({ length: n }, (_, i) => ({
    cust: `c${i}`,
    tenure: i % 5,
    TotalCharges: i % 5 === 0 && i % 2 === 0 ? null : 10 * i,
    plan: i % 2 ? 'basic' : i % 7 === 0 ? null : 'pro',
    left: i % positiveEvery === 0 ? 'yes' : 'no',
  }));
}

describe('extract', () => {
  it('reads rows, maps the positive label and the id column', () => {
    const { db, meta } = tableDb(toyRows(30), types);
    const t = extractChurnTable(db, meta, { target: 'left', positive: 'yes', idColumn: 'cust', minPerClass: 5 });
    expect(t.rows).toHaveLength(30);
    expect(t.ids[4]).toBe('c4');
    expect([...t.y].reduce((a, b) => a + b, 0)).toBe(10);
    expect(t.columns.map((c) => c.name)).toEqual(['tenure', 'TotalCharges', 'plan']);
    expect(t.columns.find((c) => c.name === 'plan')!.kind).toBe('categorical');
    expect(t.columns.find((c) => c.name === 'tenure')!.kind).toBe('numeric');
  });

  it('stops with a usage error for a missing, constant or multi-valued target, an unknown positive or too few positives', () => {
    const { db, meta } = tableDb(toyRows(30), types);
    const run = (o: Partial<Parameters<typeof extractChurnTable>[2]>) => () =>
      extractChurnTable(db, meta, { target: 'left', positive: 'yes', minPerClass: 5, ...o });
    expect(run({ target: 'Churn' })).toThrow(/target column "Churn" is not in/);
    expect(run({ target: 'Churn' })).toThrow(UsageError);
    expect(run({ target: 'plan', positive: 'pro' })).not.toThrow();
    expect(run({ target: 'tenure', positive: '1' })).toThrow(/5 distinct values/);
    expect(run({ positive: 'maybe' })).toThrow(/not a value of "left"/);
    // basic/pro has no side that goes without saying; yes/no in lower case has
    expect(run({ target: 'plan', positive: undefined })).toThrow(/cannot tell which value of "plan" is the positive class/);
    expect(run({ positive: undefined })).not.toThrow();
    expect(run({ minPerClass: 11 })).toThrow(/too few positives/);
    const constant = tableDb(toyRows(10).map((r) => ({ ...r, left: 'no' })), types);
    expect(() => extractChurnTable(constant.db, constant.meta, { target: 'left', minPerClass: 1 })).toThrow(/constant/);
  });
});

describe('the positive class without --positive', () => {
  it('is the yes side of a boolean-looking pair in any case, or 1 of 1/0 however written; otherwise nobody guesses', () => {
    const cases: [string[], string | undefined][] = [
      [['No', 'Yes'], 'Yes'],
      [['no', 'yes'], 'yes'],
      [['False', 'True'], 'True'],
      [['FALSE', 'TRUE'], 'TRUE'],
      [['N', 'Y'], 'Y'],
      [['f', 't'], 't'],
      [['0', '1'], '1'],
      [['0.0', '1.0'], '1.0'],
      [['1', '2'], undefined],
      [['basic', 'pro'], undefined],
      [['stayed', 'yes'], undefined],
      [['true', 'yes'], undefined],
    ];
    for (const [values, positive] of cases) expect(positiveOfPair(values), values.join('/')).toBe(positive);
  });
});

describe('profile, clean and features', () => {
  it('profiles class balance and rates by category and tenure band', () => {
    const { db, meta } = tableDb(toyRows(30), types);
    const t = extractChurnTable(db, meta, { target: 'left', positive: 'yes', idColumn: 'cust', minPerClass: 5 });
    const rec = createRecorder('profile');
    const p = profileTable(t, rec);
    expect(p.positives).toBe(10);
    expect(p.positiveRate).toBeCloseTo(1 / 3, 4);
    expect(p.majorityBaselineAccuracy).toBeCloseTo(2 / 3, 4);
    const plan = p.rateBy.find((r) => r.column === 'plan')!;
    expect(plan.rows.reduce((s, r) => s + r.rows, 0)).toBe(30 - 3); // 3 NULL plans (i = 0, 14, 28)
    expect(p.rateByTenureBand![0]!.rows).toBe(30);
    expect(rec.metrics.map((m) => m.key)).toContain('dataset.positiveRate');
  });

  it('fills TotalCharges with 0 only when tenure is 0, keeps missing categories as their own value', () => {
    const { db, meta } = tableDb(toyRows(30), types);
    const t = extractChurnTable(db, meta, { target: 'left', positive: 'yes', idColumn: 'cust', minPerClass: 5 });
    const rec = createRecorder('clean');
    const c = cleanTable(t, rec);
    const missing = rec.metrics.find((m) => m.key === 'clean.missingTotalCharges')!;
    expect(missing.value).toBe(3); // i = 0, 10, 20: all tenure 0
    expect(c.rows.filter((r) => r.TotalCharges === null)).toHaveLength(0);
    expect(c.rows[0]!.TotalCharges).toBe(0);
    expect(c.rows.filter((r) => r.plan === missingCategory)).toHaveLength(3);
    expect(c.decisions.map((d) => d.column)).toEqual(expect.arrayContaining(['TotalCharges', 'plan']));
  });

  it('drops constant, always-missing and identifier-like columns at the exact boundaries, and tabulates columns of 2-12 values', () => {
    // 100 rows; `code` has `distinct` text values: dropped as an identifier only above 50 and above half the rows
    const table = (distinct: number) => {
      const rows = Array.from({ length: 100 }, (_, i) => ({
        cust: `c${i}`,
        code: `k${i % distinct}`,
        same: 'x',
        blank: null,
        flag: i % 2, // numeric with 2 values: tabulated
        level: `L${i % 12}`, // 12 values: tabulated
        wide: `W${i % 13}`, // 13 values: not tabulated
        left: i % 3 === 0 ? 'yes' : 'no',
      }));
      const { db, meta } = tableDb(rows, { cust: 'TEXT', code: 'TEXT', same: 'TEXT', blank: 'TEXT', flag: 'INTEGER', level: 'TEXT', wide: 'TEXT', left: 'TEXT' });
      return extractChurnTable(db, meta, { target: 'left', positive: 'yes', idColumn: 'cust', minPerClass: 5 });
    };
    const reasons = (distinct: number) => Object.fromEntries(cleanTable(table(distinct), createRecorder('clean')).dropped.map((d) => [d.column, d.reason]));
    expect(reasons(51)).toEqual({ code: '51 distinct text values: looks like an identifier, not a feature', same: 'constant: carries no information', blank: 'always missing' });
    expect(reasons(100).code).toBe('100 distinct text values: looks like an identifier, not a feature');
    expect(reasons(50).code).toBeUndefined();
    expect(cleanTable(table(50), createRecorder('clean')).rows[0]).toEqual({ code: 'k0', flag: 0, level: 'L0', wide: 'W0' });
    const tabulated = profileTable(table(50), createRecorder('profile')).rateBy.map((r) => r.column);
    expect(tabulated).toEqual(['flag', 'level']);
  });

  it('drops a text column of over 200 levels (a surname), a numeric id named like one (RowNumber, CustomerId), and keeps look-alikes', () => {
    // 1,000 rows: `surname` has `levels` values (20-30% of the rows: not an identifier by the 50% rule)
    const table = (levels: number) => {
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        RowNumber: i + 1,
        CustomerId: 15600000 + i,
        score_id: i % 7, // named like an id, but repeats: a feature
        balance: 1000 + i, // distinct whole numbers, but not named like an id
        surname: `S${i % levels}`,
        left: i % 3 === 0 ? 'yes' : 'no',
      }));
      const { db, meta } = tableDb(rows, { RowNumber: 'INTEGER', CustomerId: 'INTEGER', score_id: 'INTEGER', balance: 'INTEGER', surname: 'TEXT', left: 'TEXT' });
      return extractChurnTable(db, meta, { target: 'left', minPerClass: 5 });
    };
    const t = table(201);
    // CustomerId is the customer id without --id-column, as customerID is in the Telco sample
    expect(t.idColumn).toBe('CustomerId');
    expect(t.columns.map((c) => c.name)).toEqual(['RowNumber', 'score_id', 'balance', 'surname']);
    const cleaned = cleanTable(t, createRecorder('clean'));
    expect(Object.fromEntries(cleaned.dropped.map((d) => [d.column, d.reason]))).toEqual({
      RowNumber: 'a distinct whole number on every row, named like an identifier: an id, not a feature (--id-column names the customer id)',
      surname: '201 distinct text values: too many levels to encode one by one (over 200); a name or free text, not a feature',
    });
    expect(cleaned.columns.map((c) => c.name)).toEqual(['score_id', 'balance']);
    expect(cleanTable(table(200), createRecorder('clean')).columns.map((c) => c.name)).toContain('surname');
  });

  it('adds only the engineered features whose columns exist, row-wise', () => {
    const cols = [
      { name: 'tenure', kind: 'numeric' as const },
      { name: 'TotalCharges', kind: 'numeric' as const },
    ];
    const features = applicableFeatures(cols);
    expect(features.map((f) => f.name)).toEqual(['tenure_band', 'charges_per_tenure_month']);
    const rows = addEngineeredFeatures([{ tenure: 0, TotalCharges: 0 }, { tenure: 30, TotalCharges: 600 }], features);
    expect(rows[0]).toMatchObject({ tenure_band: '0-12 months', charges_per_tenure_month: 0 });
    expect(rows[1]).toMatchObject({ tenure_band: '25-48 months', charges_per_tenure_month: 20 });
  });
});

describe('categorical features for SMOTE-NC', () => {
  it('groups one-hot columns by their column= prefix and treats other 0/1 columns as flags', () => {
    const design = {
      rows: 3,
      cols: 5,
      featureNames: ['tenure', 'Contract=Month-to-month', 'Contract=Two year', 'Partner', 'MonthlyCharges'],
      data: Float64Array.from([12, 1, 0, 1, 70.5, 3, 0, 1, 0, 20, 40, 1, 0, 1, 99.9]),
    };
    expect(categoricalGroups(design)).toEqual([[1, 2], [3]]);
  });
});
