/**
 * Terminal plots for lab summaries, as plain strings (so they work in Ink and in plain text):
 * an ROC curve through asciichart, horizontal bars, and a 2 × 2 confusion matrix.
 */
import asciichart from 'asciichart';

/** TPR at evenly spaced FPR values (the ROC is a step function: take the best TPR reached). */
export function resampleRoc(roc: [number, number][], points: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const fpr = i / (points - 1);
    let tpr = 0;
    for (const [x, y] of roc) if (x <= fpr + 1e-12 && y > tpr) tpr = y;
    out.push(tpr);
  }
  return out;
}

export function rocPlot(roc: [number, number][], options: { width?: number; height?: number; color?: boolean } = {}): string {
  const width = options.width ?? 48;
  const curve = resampleRoc(roc, width);
  const diagonal = curve.map((_, i) => i / (width - 1));
  const plot = asciichart.plot([diagonal, curve], {
    height: options.height ?? 10,
    min: 0,
    max: 1,
    colors: options.color ? [asciichart.lightgray, asciichart.blue] : undefined,
    format: (x) => x.toFixed(1).padStart(4),
  });
  const legend = options.color ? 'blue: the model · grey diagonal: random guessing' : 'upper curve: the model · diagonal: random guessing';
  return `${plot}\n      ${'0'.padEnd(width / 2 - 1)}FPR${'1'.padStart(width / 2 - 2)}\n      ${legend}`;
}

export function barLines(bars: { label: string; value: number }[], width = 30): string[] {
  const labelWidth = Math.max(...bars.map((b) => b.label.length), 4);
  const max = Math.max(...bars.map((b) => Math.abs(b.value)), 1e-12);
  return bars.map((b) => {
    const n = Math.max(1, Math.round((Math.abs(b.value) / max) * width));
    return `${b.label.padEnd(labelWidth)} ${'█'.repeat(n)} ${b.value.toFixed(3)}`;
  });
}

/** Actual outcome by row, predicted by column ("→ churn": flagged at the threshold). */
export function confusionLines(c: { tp: number; fp: number; tn: number; fn: number }): string[] {
  const w = Math.max(8, ...[c.tp, c.fp, c.tn, c.fn].map((v) => String(v).length + 2));
  const cell = (v: number | string) => String(v).padStart(w);
  return [
    `${'actual'.padEnd(9)}${cell('→ churn')}${cell('→ stay')}`,
    `${'churned'.padEnd(9)}${cell(c.tp)}${cell(c.fn)}`,
    `${'stayed'.padEnd(9)}${cell(c.fp)}${cell(c.tn)}`,
  ];
}
