/**
 * The tests Stryker runs for each mutant (`npm run mutation`): the in-process unit tests of the
 * mutated folders. Tests that spawn bin/prep.js run the built dist/, which a mutant of src/ never
 * reaches, so they are left out: whole files below, and the spawned `describe` blocks of mixed
 * files skip themselves when PREP_MUTATION_RUN is set. The sandbox still gets dist/ (run
 * `npm run build` first): the SQL checker's in-process tests run each query in dist's child
 * process (only the SQL runs there; the answer is compared in the mutated src/).
 *
 * PREP_MUTATION_TESTS narrows the run to the tests of some folders (comma-separated: ml, story,
 * drill, exercises, data, sample), e.g. `PREP_MUTATION_TESTS=ml npx stryker run --mutate 'src/ml/**'`:
 * the dry run then skips the other folders' slower tests, which mutants of src/ml would not be
 * judged by anyway.
 */
import { defineConfig } from 'vitest/config';

const testsByFolder: Record<string, string[]> = {
  ml: ['test/ml/**/*.test.ts'],
  story: ['test/story/**/*.test.ts'],
  // the story tests without prep-writes-backed.test.ts and story.test.ts, which run the churn and segment labs in
  // their beforeAll (minutes per mutant in a sandbox on a busy machine): a sample run of src/story in
  // an hour; mutants only that file reaches count as no coverage
  'story-in-memory': ['test/story/figure-check-datasets.test.ts', 'test/story/figure-check-labelled.test.ts', 'test/story/issue19-claims.test.ts', 'test/story/figure-check-reasons.test.ts', 'test/story/figure-check-precision.test.ts', 'test/story/draft-in-memory.test.ts', 'test/story/figure-check-wording.test.ts', 'test/story/figure-check-changes.test.ts', 'test/story/figure-check-suspicious.test.ts', 'test/story/figure-check-settings-format.test.ts'],
  drill: ['test/drill/**/*.test.ts', 'test/drill/**/*.test.tsx'],
  exercises: ['test/exercises/formula.test.ts', 'test/exercises/exercises.test.ts', 'test/exercises/scaffold.test.ts', 'test/exercises/check-answers.test.ts', 'test/exercises/catalog-lint.test.ts', 'test/exercises/sql-cells.test.ts', 'test/exercises/broken-expected.test.ts', 'test/exercises/json-error.test.ts', 'test/exercises/size-limits.test.ts'],
  data: ['test/data/import.test.ts', 'test/data/csv-input.test.ts', 'test/data/query.test.ts', 'test/data/typing.test.ts', 'test/data/run-ids.test.ts', 'test/data/state.test.ts', 'test/data/datasets.test.ts', 'test/data/run-store.test.ts', 'test/data/state-schema.test.ts', 'test/data/state-foreign.test.ts', 'test/data/dataset-store.test.ts', 'test/data/csv-query-import.test.ts', 'test/data/run-id-retries.test.ts', 'test/data/sql-job.test.ts', 'test/labs/segment/lines-cache.test.ts'],
  // the in-process tests of the files issue 19 named outside src/ml (story/check.ts,
  // drill/scheduler.ts, exercises/formula.ts, data/datasets/typing.ts), without the slower
  // dataset-building story tests: a sample run of the other folders in minutes, not hours
  sample: [
    'test/story/figure-check-labelled.test.ts',
    'test/story/issue19-claims.test.ts',
    'test/drill/issue19-queue.test.ts',
    'test/drill/plan.test.ts',
    'test/drill/session.test.ts',
    'test/drill/stats.test.ts',
    'test/drill/interval-labels.test.ts',
    'test/exercises/formula.test.ts',
    'test/data/import.test.ts',
    'test/data/csv-input.test.ts',
    'test/data/typing.test.ts',
  ],
};
const chosen = (process.env.PREP_MUTATION_TESTS ?? Object.keys(testsByFolder).join(',')).split(',').map((f) => f.trim());
for (const folder of chosen) if (!testsByFolder[folder]) throw new Error(`PREP_MUTATION_TESTS: unknown folder "${folder}" (one of ${Object.keys(testsByFolder).join(', ')})`);

export default defineConfig({
  test: {
    include: chosen.flatMap((folder) => testsByFolder[folder]!),
    // clv-fit-recovery.test.ts fits BG/NBD and Gamma-Gamma to 3,000 simulated customers: a second
    // each in plain code, minutes in instrumented code, for every clv/optimize mutant they cover.
    // The fits are pinned here by small data sets against scipy (clv-concentration-utils.test.ts).
    // drill.test.ts spawns bin/prep.js throughout.
    exclude: ['test/ml/clv-fit-recovery.test.ts', 'test/drill/drill.test.ts'],
    env: { PREP_MUTATION_RUN: '1' },
    setupFiles: ['test/mutation/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
