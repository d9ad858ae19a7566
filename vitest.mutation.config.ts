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
    // clv-fit-recovery.test.ts fits BG/NBD and Gamma-Gamma to 3,000 simulated customers: a second
    // each in plain code, minutes in instrumented code, for every clv/optimize mutant they cover.
    // The fits are pinned here by small data sets against scipy (clv-concentration-utils.test.ts).
    // drill.test.ts spawns bin/prep.js (dist/ is not in Stryker's sandbox)
    exclude: ['test/ml/clv-fit-recovery.test.ts', 'test/drill/drill.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
