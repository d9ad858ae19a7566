/**
 * The tests Stryker runs for each mutant (`npm run mutation`): the in-process unit tests of the
 * mutated folders. Tests that spawn bin/prep.js run the built dist/, which a mutant of src/ never
 * reaches, so they are left out (they would only slow every mutant down).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/ml/**/*.test.ts',
      'test/story/**/*.test.ts',
      'test/drill/**/*.test.ts',
      'test/exercises/formula.test.ts',
      'test/data/import.test.ts',
      'test/data/csv-input.test.ts',
      'test/data/query.test.ts',
    ],
    // its Gamma-Gamma fit has a 30 s limit of its own, which instrumented src/ml code exceeds: the
    // dry run would fail and stop Stryker (clv.ts mutants then show as "no coverage")
    // drill.test.ts spawns bin/prep.js (dist/ is not in Stryker's sandbox)
    exclude: ['test/ml/segment-math.test.ts', 'test/drill/drill.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
