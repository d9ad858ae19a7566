/**
 * Setup for the mutation run only (vitest.mutation.config.ts): property tests draw 25 cases per
 * property instead of fast-check's 100. Each surviving mutant reruns every test that covers it in
 * instrumented code, many times slower than the plain build; the plain `npm test` keeps 100.
 */
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 25 });
