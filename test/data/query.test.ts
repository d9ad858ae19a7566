import { describe, expect, it, beforeAll } from 'vitest';
import { openDatasetReadOnly } from '../../src/data/datasets/store.js';
import { runReadOnlyQuery } from '../../src/data/datasets/query.js';
import { UsageError } from '../../src/errors.js';
import { homeWithDatasets } from '../helpers/home.js';

describe('read-only queries', () => {
  let home: string;
  beforeAll(async () => {
    home = await homeWithDatasets(['telco']);
  });

  const refused = [
    `INSERT INTO telco (customerID) VALUES ('x')`,
    `UPDATE telco SET Churn = 'No'`,
    `DELETE FROM telco`,
    `DROP TABLE telco`,
    `ATTACH DATABASE '/tmp/evil.db' AS evil`,
    `PRAGMA user_version = 7`,
    `PRAGMA writable_schema = ON`,
    `CREATE TABLE x (a)`,
    `WITH t AS (SELECT 1) DELETE FROM telco`,
    `SELECT 1; DROP TABLE telco`,
    `/* SELECT */ DELETE FROM telco`,
    `VACUUM`,
  ];
  for (const sql of refused) {
    it(`refuses ${sql}`, () => {
      const { db } = openDatasetReadOnly('telco', home);
      try {
        expect(() => runReadOnlyQuery(db, sql, 10)).toThrow(UsageError);
        expect((db.prepare(`SELECT COUNT(*) AS n FROM telco`).get() as { n: number }).n).toBe(7043);
      } finally {
        db.close();
      }
    });
  }

  it('runs a SELECT with comments and a WITH, and caps rows', () => {
    const { db } = openDatasetReadOnly('telco', home);
    const r = runReadOnlyQuery(db, `-- churn by contract\nWITH c AS (SELECT Contract, Churn FROM telco) SELECT Contract, COUNT(*) AS n FROM c GROUP BY Contract ORDER BY Contract`, 2);
    expect(r.columns).toEqual(['Contract', 'n']);
    expect(r.rows).toEqual([
      ['Month-to-month', 3875],
      ['One year', 1473],
    ]);
    expect(r.truncated).toBe(true);
    db.close();
  });
});
