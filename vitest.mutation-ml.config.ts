import { defineConfig } from 'vitest/config';
// only for a subset run: test/ml without the Gamma-Gamma fit (30 s limit exceeded when instrumented)
export default defineConfig({ test: { include: ['test/ml/**/*.test.ts'], exclude: ['test/ml/segment-math.test.ts'], testTimeout: 120_000, pool: 'forks' } });
