// Mutation score of whole folders from a random sample of their mutants (`npm run mutation:sample`).
//
// A full Stryker run of src/story, src/drill, src/exercises and src/data is ~9,000 mutants: many
// hours on this 2-core machine. A uniform random sample of each folder's mutants gives an unbiased
// estimate of the folder's score with a stated interval, in minutes. The mutants are listed by
// Stryker's own instrumenter (the same mutators and positions a full run uses), drawn with a seeded
// generator, and run by Stryker with one `--mutate file:line:column-line:column` range per sampled
// mutant. A range can contain smaller mutants nested in the sampled one; Stryker tests those too,
// but only the sampled mutants are counted.
//
// Usage: node scripts/mutation-sample.js [--folders story,drill,exercises,data] [--per-folder 60]
//        [--seed 1] [--concurrency 2] [--timeout-ms 20000] [--tests FOLDERS] [--report-only]
// Each folder's tests are PREP_MUTATION_TESTS=<folder> (vitest.mutation.config.ts). Reports go to
// reports/mutation/sample-<folder>.json and the sample to reports/mutation/sample-<folder>.list.json.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts;
// the interval is Wilson's 95% score interval for a binomial proportion.
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const folders = option('folders', 'story,drill,exercises,data').split(',');
const perFolder = Number(option('per-folder', '60'));
const seed = Number(option('seed', '1'));
const concurrency = option('concurrency', '2');
const reportOnly = args.includes('--report-only');
// --tests: the PREP_MUTATION_TESTS value (default: the folder's own tests), e.g. story-in-memory
const testsOption = option('tests', undefined);
if (!Number.isInteger(perFolder) || perFolder < 1) throw new Error('--per-folder must be a positive integer');

// mulberry32: a small seeded generator, so the same seed draws the same sample
function generator(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wilson(detected, n, z = 1.96) {
  if (n === 0) return [0, 1];
  const p = detected / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const silent = new Proxy({}, { get: (_, key) => (String(key).startsWith('is') ? () => false : () => {}) });
const key = (file, loc, mutator, replacement) => `${file}:${loc.start.line}:${loc.start.column}:${loc.end.line}:${loc.end.column}:${mutator}:${replacement}`;

mkdirSync('reports/mutation', { recursive: true });
const baseConfig = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
const rows = [];
for (const folder of folders) {
  const listPath = `reports/mutation/sample-${folder}.list.json`;
  const reportPath = `reports/mutation/sample-${folder}.json`;
  let sample;
  if (reportOnly) sample = JSON.parse(readFileSync(listPath, 'utf8'));
  else {
    const files = execFileSync('git', ['ls-files', `src/${folder}/*.ts`, `src/${folder}/*.tsx`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    const { mutants } = await new Instrumenter(silent).instrument(
      files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
      { plugins: null, excludedMutations: [], ignorers: [] },
    );
    const random = generator(seed);
    const pool = [...mutants];
    for (let i = 0; i < Math.min(perFolder, pool.length); i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    // instrumenter locations: 0-based lines and columns
    sample = { folder, seed, population: mutants.length, files: files.length, mutants: pool.slice(0, perFolder).map((m) => ({ fileName: m.fileName, location: m.location, mutatorName: m.mutatorName, replacement: m.replacement })) };
    writeFileSync(listPath, JSON.stringify(sample, null, 1));
    const config = {
      ...baseConfig,
      // a --mutate range's line is 1-based, its column 0-based (Stryker's project reader)
      mutate: sample.mutants.map((m) => `${m.fileName}:${m.location.start.line + 1}:${m.location.start.column}-${m.location.end.line + 1}:${m.location.end.column}`),
      jsonReporter: { fileName: reportPath },
      concurrency: Number(concurrency),
      // a loaded machine makes tests slow: Stryker's 5 s margin then counts survivors as timeouts
      timeoutMS: Number(option('timeout-ms', '20000')),
    };
    const configPath = `stryker.sample-${folder}.tmp.json`;
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    console.log(`${folder}: ${sample.mutants.length} of ${mutants.length} mutants in ${files.length} files, seed ${seed}, tests ${testsOption ?? folder}`);
    const run = spawnSync('npx', ['stryker', 'run', configPath], { stdio: 'inherit', env: { ...process.env, PREP_MUTATION_TESTS: testsOption ?? folder } });
    rmSync(configPath, { force: true });
    if (run.status !== 0) throw new Error(`stryker failed for ${folder} (exit ${run.status})`);
  }
  if (!existsSync(reportPath)) throw new Error(`no report at ${reportPath}: run without --report-only first`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const status = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    // report locations: 1-based lines and columns
    for (const m of mutants) {
      const loc = { start: { line: m.location.start.line - 1, column: m.location.start.column - 1 }, end: { line: m.location.end.line - 1, column: m.location.end.column - 1 } };
      status.set(key(file, loc, m.mutatorName, m.replacement), m.status);
    }
  }
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0, missing: 0 };
  const survivors = [];
  for (const m of sample.mutants) {
    const s = status.get(key(m.fileName, m.location, m.mutatorName, m.replacement));
    if (s === undefined) counts.missing++;
    else if (s in counts) counts[s]++;
    else counts.other++;
    if (s === 'Survived' || s === 'NoCoverage') survivors.push(`${s === 'Survived' ? 'survived' : 'no coverage'}  ${m.fileName}:${m.location.start.line + 1}  ${m.mutatorName}  ${m.replacement.split('\n')[0].slice(0, 80)}`);
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  const [low, high] = wilson(detected, valid);
  rows.push({ folder, sample, counts, detected, valid, low, high, survivors });
}

for (const r of rows) {
  const c = r.counts;
  console.log(
    `src/${r.folder.padEnd(10)} ${((100 * r.detected) / Math.max(1, r.valid)).toFixed(1).padStart(5)}% (95% interval ${(100 * r.low).toFixed(0)}-${(100 * r.high).toFixed(0)}%) from ${r.valid} sampled of ${r.sample.population} mutants: killed ${c.Killed}, timeout ${c.Timeout}, survived ${c.Survived}, no coverage ${c.NoCoverage}` +
      (c.other ? `, other (compile error/ignored) ${c.other}` : '') +
      (c.missing ? `, NOT FOUND in the report ${c.missing}` : ''),
  );
  for (const s of r.survivors) console.log(`    ${s}`);
}
