import { analyze, plan, simulate } from '../../labs/abtest/abtest.js';
import { printJson, renderTable, style } from '../../ui/text.js';

export async function planCommand(opts: { baseline: number; mde: number; alpha: number; power: number; sd?: number; json?: boolean }): Promise<void> {
  const p = plan(opts);
  if (opts.json) return printJson(p);
  const lines = [
    `To detect ${p.proportions.baseline} → ${p.proportions.target.toFixed(4)} (absolute +${p.proportions.mde}) with alpha ${p.proportions.alpha} (two-sided) and power ${p.proportions.power}:`,
    `  ${p.proportions.perArm.toLocaleString('en')} per arm, ${p.proportions.total.toLocaleString('en')} in total`,
    style('dim', `  ${p.proportions.formula}`),
  ];
  if (p.means) lines.push(`For a difference in means of ${opts.mde} with sd ${p.means.sd}: ${p.means.perArm.toLocaleString('en')} per arm (n = 2(z₁₋α/₂ + z₁₋β)²σ²/δ²)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function analyzeCommand(file: string, opts: { alpha: number; json?: boolean }): Promise<void> {
  const r = await analyze(file, opts.alpha);
  if (opts.json) return printJson(r);
  process.stdout.write(
    [
      renderTable(['arm', 'n', 'mean'], Object.entries(r.arms).map(([arm, s]) => [arm, s.n, s.mean])),
      renderTable(['test', 'statistic', 'p-value', `${r.treatment} − ${r.control}`, 'CI low', 'CI high'], r.tests.map((t) => [t.test, t.statistic, t.pValue, t.difference, t.ci[0], t.ci[1]])),
      r.chiSquare ? `chi-square: ${r.chiSquare.statistic.toFixed(3)} on ${r.chiSquare.df} df, p = ${r.chiSquare.pValue.toPrecision(3)}` : '',
      '',
      r.reading,
    ].join('\n') + '\n',
  );
}

export async function simulateCommand(opts: { dataset: string; seed: number; runs: number; perArm: number; lift: number; alpha: number; looks: number; json?: boolean }): Promise<void> {
  const r = await simulate(opts);
  if (opts.json) return printJson(r);
  process.stdout.write(
    [
      style('bold', r.label),
      `${r.invoices.toLocaleString('en')} real invoice totals from ${r.dataset}; ${r.perArm} per arm; Welch t-test at alpha ${r.alpha}; run ${r.runId}`,
      `A/A (no difference): ${r.aa.falsePositives} of ${r.aa.runs} runs "significant": false-positive rate ${(100 * r.aa.falsePositiveRate).toFixed(1)}% (should sit near ${100 * r.alpha}%)`,
      `Peeking at ${r.peeking.looks} interim looks and stopping at the first p < ${r.alpha}: ${(100 * r.peeking.falsePositiveRate).toFixed(1)}% false positives`,
      `Injected lift of ${100 * r.injectedLift.lift}%: detected in ${r.injectedLift.detected} of ${r.injectedLift.runs} runs: power ${(100 * r.injectedLift.power).toFixed(1)}%`,
    ].join('\n') + '\n',
  );
}
