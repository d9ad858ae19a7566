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
    // segment-math.test.ts reads PREP_MUTATION_RUN to give its BG/NBD and Gamma-Gamma fits a longer
    // limit: instrumented src/ml code is many times slower than the plain build.
    // drill.test.ts spawns bin/prep.js (dist/ is not in Stryker's sandbox)
    exclude: ['test/drill/drill.test.ts'],
    env: { PREP_MUTATION_RUN: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
