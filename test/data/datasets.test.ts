import { describe, expect, it, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bundledDatasets } from '../../src/data/datasets/catalog.js';
import { datasetPath, openDatasetReadOnly } from '../../src/data/datasets/store.js';
import { homeWithDatasets, makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

describe('bundled datasets', () => {
  let home: string;
  beforeAll(async () => {
    home = await homeWithDatasets();
  });

  it('ship with the checksums of PROVENANCE.md', () => {
    const expected: Record<string, string> = {
      'telco_churn_ibm.csv': '16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91',
      'online_retail.csv.gz': '000b9144bb6e31ebd74f1be4912a94f06f11621f9dbb63fe11c0a4d8c2faa0b3',
    };
    for (const d of bundledDatasets) {
      const sha = createHash('sha256').update(readFileSync(join(repoRoot, 'datasets', d.file))).digest('hex');
      expect(sha).toBe(expected[d.file]);
      expect(d.sha256).toBe(expected[d.file]);
    }
  });

  it('telco builds to 7,043 typed rows with the 11 blank TotalCharges as NULL', () => {
    const { db, meta } = openDatasetReadOnly('telco', home);
    const row = db
      .prepare(
        `SELECT COUNT(*) AS n, SUM(Churn = 'Yes') AS churners, SUM(TotalCharges IS NULL) AS blank,
                SUM(TotalCharges IS NULL AND tenure = 0) AS blankTenure0, typeof(MonthlyCharges) AS t, typeof(SeniorCitizen) AS s
         FROM telco`,
      )
      .get();
    expect(row).toEqual({ n: 7043, churners: 1869, blank: 11, blankTenure0: 11, t: 'real', s: 'integer' });
    expect(meta.label).toMatch(/fictional/);
    db.close();
  });

  it('retail builds to 541,909 lines matching the published facts', () => {
    const { db, meta } = openDatasetReadOnly('retail', home);
    const row = db
      .prepare(
        `SELECT COUNT(*) AS n, SUM(CustomerID IS NULL) AS noCustomer, SUM(InvoiceNo LIKE 'C%') AS cancellations,
                SUM(UnitPrice <= 0) AS nonPositivePrice, COUNT(DISTINCT CustomerID) AS customers,
                ROUND(SUM(Quantity * UnitPrice), 2) AS total, MIN(InvoiceDate) AS first, MAX(InvoiceDate) AS last
         FROM online_retail`,
      )
      .get();
    expect(row).toEqual({
      n: 541909,
      noCustomer: 135080,
      cancellations: 9288,
      nonPositivePrice: 2517,
      customers: 4372,
      total: 9747747.93,
      first: '2010-12-01 08:26',
      last: '2011-12-09 12:50',
    });
    const view = db.prepare(`SELECT COUNT(*) AS n, ROUND(SUM(amount), 2) AS total FROM transactions`).get();
    expect(view).toEqual({ n: 541909, total: 9747747.93 });
    expect(meta.licence).toMatch(/CC BY 4\.0/);
    db.close();
  });

  it('opens datasets read-only', () => {
    const { db } = openDatasetReadOnly('telco', home);
    expect(() => db.exec(`DELETE FROM telco`)).toThrow(/readonly|read-only/i);
    db.close();
  });
});

describe('a built dataset edited after it was built (issue 19, 5)', () => {
  it('is refused before a lab reads it; a touch without a change is accepted', async () => {
    const shared = await homeWithDatasets(['telco']);
    const home = makeTempHome();
    mkdirSync(join(home, 'datasets'));
    copyFileSync(datasetPath('telco', shared), datasetPath('telco', home));
    openDatasetReadOnly('telco', home).db.close(); // first use records the digest
    const later = new Date(Date.now() + 5000);
    utimesSync(datasetPath('telco', home), later, later);
    openDatasetReadOnly('telco', home).db.close(); // same bytes: accepted
    const db = new Database(datasetPath('telco', home));
    db.prepare(`UPDATE telco SET Churn = 'Yes' WHERE Contract = 'Two year'`).run();
    db.close();
    expect(() => openDatasetReadOnly('telco', home)).toThrow(/dataset "telco" was changed after it was built: .* no longer matches the sha256 recorded when it was built/);
    if (process.env.PREP_MUTATION_RUN) return; // the rest spawns the built bin/prep.js, which Stryker's sandbox has not got
    const r = runPrep(['lab', 'churn', '--json'], { home });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dataset "telco" was changed after it was built/);
    expect(r.stderr).toMatch(/prep data build telco --force/);
  });
});
