/**
 * `prep lab abtest`: plan (sample size), analyze (a CSV of arm, outcome), and simulate: a
 * clearly labelled SIMULATION on real basket values from a transactions dataset: A/A splits whose
 * false-positive rate should sit near alpha, an injected lift the test should find, and the
 * inflation that peeking at interim results causes.
 */
import { readCsv } from '../../data/datasets/csv-source.js';
import { ensureBuilt } from '../../data/datasets/build.js';
import { openDatasetReadOnly } from '../../data/datasets/store.js';
import { RunStore } from '../../data/runs.js';
import { UsageError } from '../../errors.js';
import { chiSquareIndependence, sampleSizeMeans, sampleSizeProportions, twoProportionZTest, welchTTest, type TestResult } from '../../ml/hypothesis.js';
import { createRng } from '../../ml/random.js';
import { cleanLineCondition } from '../segment/transactions.js';

export function plan(options: { baseline: number; mde: number; alpha: number; power: number; sd?: number }) {
  const { baseline, mde, alpha, power } = options;
  if (!(baseline > 0 && baseline < 1)) throw new UsageError('--baseline is a conversion rate between 0 and 1 (e.g. 0.2)');
  if (!(mde > 0 && baseline + mde < 1)) throw new UsageError('--mde is an absolute lift > 0 with baseline + mde < 1 (e.g. 0.02 for 20% → 22%)');
  if (!(alpha > 0 && alpha < 0.5) || !(power > 0.5 && power < 1)) throw new UsageError('--alpha must be in (0, 0.5) and --power in (0.5, 1)');
  const perArm = sampleSizeProportions(baseline, mde, alpha, power);
  const means = options.sd !== undefined ? { sd: options.sd, perArm: sampleSizeMeans(options.sd, mde, alpha, power) } : undefined;
  return {
    proportions: { baseline, target: baseline + mde, mde, alpha, power, perArm, total: 2 * perArm, formula: 'n = (z₁₋α/₂·√(2p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁)+p₂(1−p₂)))² / (p₂−p₁)²' },
    means,
  };
}

export async function analyze(file: string, alpha: number) {
  let header: string[] | undefined;
  const byArm = new Map<string, number[]>();
  for await (const { fields, line } of readCsv(file)) {
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!header.includes('arm') || !header.includes('outcome')) throw new UsageError(`${file}:1: needs columns "arm" and "outcome"`);
      continue;
    }
    const arm = fields[header.indexOf('arm')]!.trim();
    const value = Number(fields[header.indexOf('outcome')]!.trim());
    if (!arm || !Number.isFinite(value)) throw new UsageError(`${file}:${line}: arm must be non-empty and outcome a number`);
    const list = byArm.get(arm) ?? [];
    list.push(value);
    byArm.set(arm, list);
  }
  const arms = [...byArm.keys()].sort();
  if (arms.length !== 2) throw new UsageError(`${file}: expected exactly two arms, found ${arms.length} (${arms.join(', ')})`);
  const [nameA, nameB] = arms as [string, string];
  const a = byArm.get(nameA)!;
  const b = byArm.get(nameB)!;
  const binary = [...a, ...b].every((v) => v === 0 || v === 1);
  const tests: TestResult[] = [];
  let chi: ReturnType<typeof chiSquareIndependence> | undefined;
  const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
  if (binary) {
    tests.push(twoProportionZTest(sum(a), a.length, sum(b), b.length, alpha));
    chi = chiSquareIndependence([
      [sum(a), a.length - sum(a)],
      [sum(b), b.length - sum(b)],
    ]);
  }
  tests.push(welchTTest(a, b, alpha));
  const main = tests[0]!;
  const reading =
    main.pValue < alpha
      ? `${nameB} differs from ${nameA} by ${main.difference.toFixed(4)} (${(100 * (1 - alpha)).toFixed(0)}% CI ${main.ci[0].toFixed(4)} to ${main.ci[1].toFixed(4)}); p = ${main.pValue.toPrecision(3)} < ${alpha}: unlikely if there were no difference. Check the interval is large enough to matter before shipping.`
      : `No significant difference at alpha ${alpha} (p = ${main.pValue.toPrecision(3)}). The ${(100 * (1 - alpha)).toFixed(0)}% CI ${main.ci[0].toFixed(4)} to ${main.ci[1].toFixed(4)} still allows effects of that size: "not significant" is not "no effect".`;
  return {
    arms: { [nameA]: { n: a.length, mean: sum(a) / a.length }, [nameB]: { n: b.length, mean: sum(b) / b.length } },
    control: nameA,
    treatment: nameB,
    outcome: binary ? 'binary' : 'numeric',
    tests,
    chiSquare: chi ? { statistic: chi.statistic, df: chi.df, pValue: chi.pValue } : undefined,
    reading,
  };
}

export async function simulate(options: { dataset: string; seed: number; runs: number; perArm: number; lift: number; alpha: number; looks: number }, store = new RunStore()) {
  await ensureBuilt(options.dataset);
  const { db, meta } = openDatasetReadOnly(options.dataset);
  let values: Float64Array;
  try {
    if (meta.kind !== 'transactions') throw new UsageError(`dataset "${meta.name}" is not a transactions dataset`);
    values = Float64Array.from(
      (db.prepare(`SELECT SUM(amount) FROM transactions WHERE ${cleanLineCondition} GROUP BY invoice`).raw(true).all() as [number][]).map((r) => r[0]),
    );
  } finally {
    db.close();
  }
  if (values.length < 2 * options.perArm) throw new UsageError(`only ${values.length} invoices: fewer than 2 × --per-arm ${options.perArm}`, `Each arm draws its own invoices: pass --per-arm ${Math.floor(values.length / 2)} or fewer.`);
  const rng = createRng(options.seed);
  const draw = (n: number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = values[rng.int(values.length)]!;
    return out;
  };
  let aaRejections = 0;
  let liftRejections = 0;
  let peekRejections = 0;
  const liftRuns = Math.max(100, Math.round(options.runs / 5));
  for (let run = 0; run < options.runs; run++) {
    const a = draw(options.perArm);
    const b = draw(options.perArm);
    if (welchTTest(a, b).pValue < options.alpha) aaRejections++;
    // Peeking: test after each 1/looks of the data and stop at the first p < alpha.
    for (let look = 1; look <= options.looks; look++) {
      const n = Math.floor((look * options.perArm) / options.looks);
      if (welchTTest(a.subarray(0, n), b.subarray(0, n)).pValue < options.alpha) {
        peekRejections++;
        break;
      }
    }
  }
  for (let run = 0; run < liftRuns; run++) {
    const a = draw(options.perArm);
    const b = draw(options.perArm).map((v) => v * (1 + options.lift));
    if (welchTTest(a, b).pValue < options.alpha) liftRejections++;
  }
  const result = {
    label: 'SIMULATION: arms are random draws of real invoice totals; nothing was tested on real customers',
    dataset: meta.name,
    invoices: values.length,
    perArm: options.perArm,
    alpha: options.alpha,
    aa: { runs: options.runs, falsePositives: aaRejections, falsePositiveRate: aaRejections / options.runs },
    peeking: { looks: options.looks, falsePositives: peekRejections, falsePositiveRate: peekRejections / options.runs },
    injectedLift: { lift: options.lift, runs: liftRuns, detected: liftRejections, power: liftRejections / liftRuns },
  };
  const active = store.start({ lab: 'abtest', dataset: { name: meta.name, sha256: meta.sha256 }, params: { perArm: options.perArm, runs: options.runs, lift: options.lift, alpha: options.alpha, looks: options.looks }, seed: options.seed });
  active.metric('abtest.aaFalsePositiveRate', result.aa.falsePositiveRate, { stage: 'simulate', formula: 'A/A runs with Welch p < alpha / A/A runs', inputs: { ...result.aa, alpha: options.alpha, perArm: options.perArm }, unit: 'ratio' });
  active.metric('abtest.peekingFalsePositiveRate', result.peeking.falsePositiveRate, { stage: 'simulate', formula: `A/A runs stopped at the first of ${options.looks} looks with p < alpha / runs`, inputs: { ...result.peeking, alpha: options.alpha }, unit: 'ratio' });
  active.metric('abtest.injectedLiftPower', result.injectedLift.power, { stage: 'simulate', formula: `runs with a ${100 * options.lift}% injected lift detected (p < alpha) / runs`, inputs: { ...result.injectedLift, alpha: options.alpha, perArm: options.perArm }, unit: 'ratio' });
  active.finish();
  return { runId: active.id, ...result };
}
