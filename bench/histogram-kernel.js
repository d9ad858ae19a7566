// Benchmark (not a test): how much faster native code would make the tree learner's hottest loop.
// The loop is scanAll in src/ml/trees/tree.ts (44% of a boosting fit's CPU in a --cpu-prof of
// the lab's first CV boosting fit): for each row of a node, add its gradient, hessian and 1 to the
// histogram slot of each of its feature codes. It is copied here once in JavaScript and once in C
// (gcc -O3 -march=native, the best case a native addon could reach; WebAssembly would sit between
// the two), fed the same inputs: the Telco design binned as the lab bins it, rows in a shuffled
// order (as after partitioning), 600 scans of every row (about a 200-round boosting fit's worth).
// Both run alternately BENCH_RUNS times (default 7); printed: each one's median and the ratio.
// Issue 20's churn goal needs the whole lab about 1.8x faster; this measures the ceiling of
// the one lever left (the fits are already parallel and the learner's work is already minimal).
// Needs gcc (apt-get install -y gcc) and `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const scans = 600;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (spawnSync('gcc', ['--version']).status !== 0) {
  console.log('gcc: not installed (apt-get install -y gcc); nothing to compare');
  process.exit(0);
}
const { binFeatures } = await import(join(root, 'dist/ml/trees/binning.js'));

// the Telco design as bench/churn.js builds it (numeric columns, one-hot levels)
const lines = readFileSync(join(root, 'datasets/telco_churn_ibm.csv'), 'utf8').trim().split('\n');
const header = lines[0].split(',');
const records = lines.slice(1).map((l) => l.split(','));
const numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'].map((c) => header.indexOf(c));
const columns = numeric.map((c) => records.map((r) => Number(r[c].trim() || 0)));
header.forEach((h, c) => {
  if (numeric.includes(c) || h === 'customerID' || h === 'Churn') return;
  for (const level of [...new Set(records.map((r) => r[c]))].sort()) columns.push(records.map((r) => (r[c] === level ? 1 : 0)));
});
const rows = records.length;
const cols = columns.length;
const data = new Float64Array(rows * cols);
columns.forEach((column, j) => column.forEach((v, i) => (data[i * cols + j] = v)));
const churned = records.map((r) => (r[header.indexOf('Churn')] === 'Yes' ? 1 : 0));

// the histogram layout tree.ts builds (histogramLayout): each row's slots, dense features then two-bin ones in bin 1
const { codes, bins, isBinary, onesStart, ones } = binFeatures({ rows, cols, data });
const offset = new Int32Array(cols + 1);
for (let j = 0; j < cols; j++) offset[j + 1] = offset[j] + 3 * bins[j];
const size = offset[cols];
const dense = [...Array(cols).keys()].filter((j) => !isBinary[j]);
const rowStart = new Int32Array(rows + 1);
const rowSlots = new Int32Array(rows * dense.length + ones.length);
let q = 0;
for (let i = 0; i < rows; i++) {
  rowStart[i] = q;
  for (const j of dense) rowSlots[q++] = offset[j] + 3 * codes[i * cols + j];
  for (let k = onesStart[i]; k < onesStart[i + 1]; k++) rowSlots[q++] = offset[ones[k]] + 3;
}
rowStart[rows] = q;
const first = new Float64Array(rows);
const second = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  const p = 0.05 + 0.9 * (((i * 7919) % 1000) / 1000);
  first[i] = p - churned[i];
  second[i] = p * (1 - p);
}
const indices = Int32Array.from({ length: rows }, (_, i) => i);
for (let i = rows - 1; i > 0; i--) {
  const j = Number((BigInt(i) * 2654435761n) % BigInt(i + 1));
  [indices[i], indices[j]] = [indices[j], indices[i]];
}

const dir = mkdtempSync(join(tmpdir(), 'prep-bench-kernel-'));
for (const [name, array] of Object.entries({ rowStart, rowSlots, first, second, indices })) writeFileSync(join(dir, `${name}.bin`), array);
writeFileSync(
  join(dir, 'kernel.c'),
  `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static void *load(const char *dir, const char *name) {
  char path[4096]; snprintf(path, sizeof path, "%s/%s.bin", dir, name);
  FILE *f = fopen(path, "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
  void *b = malloc(n); if (fread(b, 1, n, f) != (size_t)n) exit(1); fclose(f); return b;
}
int main(int argc, char **argv) {
  const char *dir = argv[1]; int rows = atoi(argv[2]), size = atoi(argv[3]), scans = atoi(argv[4]);
  int *rowStart = load(dir, "rowStart"), *rowSlots = load(dir, "rowSlots"), *indices = load(dir, "indices");
  double *first = load(dir, "first"), *second = load(dir, "second"), *h = calloc(size, sizeof(double));
  struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
  for (int s = 0; s < scans; s++) {
    memset(h, 0, size * sizeof(double));
    for (int k = 0; k < rows; k++) {
      int i = indices[k]; double f = first[i], g = second[i];
      for (int q = rowStart[i]; q < rowStart[i + 1]; q++) { int slot = rowSlots[q]; h[slot] += f; h[slot + 1] += g; h[slot + 2] += 1; }
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double sum = 0; for (int q = 0; q < size; q++) sum += h[q];
  printf("%f %.6f\\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6, sum);
  return 0;
}
`,
);
const compiled = spawnSync('gcc', ['-O3', '-march=native', '-o', join(dir, 'kernel'), join(dir, 'kernel.c')], { encoding: 'utf8' });
if (compiled.status !== 0) {
  console.log(`gcc failed: ${compiled.stderr}`);
  process.exit(1);
}

/** The JavaScript side: scanAll's loop as tree.ts writes it (local copies of the arrays, three sums per slot). */
function scanAll(h) {
  h.fill(0);
  const index = indices, firsts = first, seconds = second, starts = rowStart, slots = rowSlots;
  for (let k = 0; k < rows; k++) {
    const i = index[k];
    const f = firsts[i];
    const s = seconds[i];
    const slotsEnd = starts[i + 1];
    for (let q = starts[i]; q < slotsEnd; q++) {
      const slot = slots[q];
      h[slot] += f;
      h[slot + 1] += s;
      h[slot + 2]++;
    }
  }
}
const h = new Float64Array(size);
for (let s = 0; s < 50; s++) scanAll(h); // let the JIT optimise it, as a fit's first rounds do
const js = [];
const c = [];
let sums = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  for (let s = 0; s < scans; s++) scanAll(h);
  js.push(performance.now() - t0);
  const out = spawnSync(join(dir, 'kernel'), [dir, String(rows), String(size), String(scans)], { encoding: 'utf8' }).stdout.trim().split(' ');
  c.push(Number(out[0]));
  sums = [h.reduce((a, b) => a + b, 0), Number(out[1])];
}
rmSync(dir, { recursive: true, force: true });
const updates = q * scans;
console.log(`histogram scans of the Telco design (${rows} rows, ${q} slot updates a scan, ${size} histogram cells), ${scans} scans, median of ${runs}:`);
console.log(`  JavaScript (Node ${process.versions.node})  ${median(js).toFixed(1)} ms  (${((median(js) * 1e6) / updates).toFixed(2)} ns an update; runs ${js.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`  C, gcc -O3 -march=native  ${median(c).toFixed(1)} ms  (${((median(c) * 1e6) / updates).toFixed(2)} ns an update; runs ${c.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`  native speed-up of this loop: ${(median(js) / median(c)).toFixed(2)}x (median of per-pair ratios ${median(js.map((x, i) => x / c[i])).toFixed(2)}x); histogram totals ${sums[0].toFixed(4)} and ${sums[1].toFixed(4)}`);
