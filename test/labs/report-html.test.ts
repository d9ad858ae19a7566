import { describe, expect, it } from 'vitest';
import { barChartSvg, lineChartSvg, niceTicks, renderHtmlReport } from '../../src/ui/report-html.js';

describe('renderHtmlReport', () => {
  it('renders a self-contained page with escaped text, tables and inline SVG charts', () => {
    const html = renderHtmlReport({
      title: 'Churn <lab>',
      subtitle: "IBM's fictional sample",
      sections: [
        {
          heading: 'Test',
          paragraphs: ['plain', '! leaky figure'],
          tables: [{ caption: 'c', columns: ['model', 'auc'], rows: [['lr', 0.845]] }],
          charts: [
            { kind: 'line', title: 'ROC', xLabel: 'FPR', yLabel: 'TPR', diagonal: true, series: [{ name: 'gb', points: [[0, 0], [0.2, 0.7], [1, 1]] }] },
            { kind: 'bar', title: 'SHAP', bars: [{ label: 'tenure', value: 0.5 }, { label: 'x', value: -0.1 }] },
          ],
        },
      ],
    });
    expect(html).toContain('Churn &lt;lab&gt;');
    expect(html).toContain('IBM&#39;s fictional sample');
    expect(html).toContain('<p class="warning">leaky figure</p>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<td class="num">0.845</td>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('maps data to the plot area (monotone in x and y)', () => {
    const svg = lineChartSvg({ kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 0], [1, 1]] }] });
    const d = /d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/.exec(svg)!;
    expect(Number(d[3])).toBeGreaterThan(Number(d[1]));
    expect(Number(d[4])).toBeLessThan(Number(d[2])); // SVG y grows downwards
    const bars = barChartSvg({ kind: 'bar', title: 'b', bars: [{ label: 'a', value: 2 }, { label: 'b', value: 1 }] });
    const widths = [...bars.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(2 * widths[1]!, 0);
  });
});

describe('niceTicks', () => {
  it('picks steps of 1, 2 or 5 x 10^k and widens a data domain to whole steps', () => {
    // the churn report's net-value axis: the data span -57,450 to 66,450
    expect(niceTicks(-57450, 66450, 5, true)).toEqual({ domain: [-60000, 80000], ticks: [-60000, -40000, -20000, 0, 20000, 40000, 60000, 80000] });
    expect(niceTicks(0.002, 0.951, 5, true)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('keeps a given domain and prints decimals without float noise', () => {
    expect(niceTicks(0, 0.3)).toEqual({ domain: [0, 0.3], ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3] });
    expect(niceTicks(0.1, 0.95).ticks).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(5, 5, 5, true).domain).toEqual([4, 6]);
  });

  it('labels the chart axes with those ticks', () => {
    const svg = lineChartSvg({ kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0.002, -57450], [0.951, 66450]] }] });
    expect(svg).toContain('>-60,000<');
    expect(svg).toContain('>80,000<');
    expect(svg).not.toMatch(/>-57450<|>66450</);
  });
});

describe('numbers for people', () => {
  it('uses separators, the currency, one precision per kind', async () => {
    const { formatMoney, formatPercent, formatRatio, formatCount, formatSigned, columnDecimals } = await import('../../src/ui/number-format.js');
    expect(formatMoney(8911407.9, 'GBP')).toBe('£8,911,407.90');
    expect(formatMoney(4546.36, 'GBP')).toBe('£4,546.36');
    expect(formatMoney(-1800, 'USD', 0)).toBe('−$1,800');
    expect(formatMoney(12.5)).toBe('12.50');
    expect(formatPercent(0.26537)).toBe('26.5%');
    expect(formatRatio(0.8)).toBe('0.800');
    expect(formatCount(7043)).toBe('7,043');
    expect(formatSigned(-0.0123, formatRatio)).toBe('−0.012');
    expect(columnDecimals([1, 2, 3])).toBe(0);
    expect(columnDecimals([0.5, 0.25])).toBe(3);
    expect(columnDecimals([134.7, 26.4])).toBe(1);
  });

  it('renders plain numbers in a column at one precision and right-aligns figures given as text', () => {
    const html = renderHtmlReport({
      title: 't',
      sections: [{ heading: 'h', tables: [{ caption: 'c', columns: ['name', 'x', 'share'], rows: [['a', 1.5, '26.5%'], ['b', 12.25, '3.0%'], ['c', 1000.125, '100.0%']] }] }],
    });
    // max 1000.125 → one decimal for the whole column, with separators
    expect(html).toContain('<td class="num">1.5</td>');
    expect(html).toContain('<td class="num">12.3</td>');
    expect(html).toContain('<td class="num">1,000.1</td>');
    expect(html).toContain('<td class="num">26.5%</td>');
    expect(html).toContain('<th scope="col" class="num">share</th>');
  });
});

describe('charts', () => {
  it('are responsive (viewBox, no fixed width) and carry a title, a description and their data', () => {
    const html = renderHtmlReport({
      title: 't',
      sections: [{ heading: 'h', charts: [{ kind: 'line', title: 'ROC', description: 'the curve', xLabel: 'FPR', yLabel: 'TPR', series: [{ name: 's', points: [[0, 0], [0.5, 0.8], [1, 1]] }] }] }],
    });
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 520 340"/);
    expect(html).not.toMatch(/<svg [^>]*\swidth="/);
    expect(html).toMatch(/aria-labelledby="chart1-t chart1-d"><title id="chart1-t">ROC<\/title><desc id="chart1-d">the curve<\/desc>/);
    // the data table: three points of series s
    const data = /<div class="visually-hidden"><table><caption>Data for &quot;ROC&quot;: the curve<\/caption>(.*?)<\/table><\/div>/.exec(html)![1]!;
    expect(data.match(/<tr>/g)).toHaveLength(4);
    expect(data).toContain('<td class="num">0.8</td>');
  });

  it('draws an x marker at its value and an operating point at its coordinates', () => {
    const svg = lineChartSvg({
      kind: 'line', title: 't', xLabel: 'x', yLabel: 'y', xDomain: [0, 1], yDomain: [0, 1],
      series: [{ name: 's', points: [[0, 0], [1, 1]] }],
      markers: [{ axis: 'x', value: 0.25, label: 'chosen 0.25' }, { axis: 'y', value: 0.5, label: 'base rate' }],
      points: [{ x: 0.5, y: 0.5, label: 'op' }],
    }, 520, 340, 'c');
    // plot area: left margin 56 (the minimum; "0.2" needs only 30 + 7 × 3), width 520 − 56 − 16 = 448; top 30, height 340 − 30 − 46 = 264
    const left = 56;
    const w = 448;
    expect(svg).toContain(`<line x1="${(left + 0.25 * w).toFixed(1)}" y1="30" x2="${(left + 0.25 * w).toFixed(1)}" y2="294" class="marker"/>`);
    expect(svg).toContain(`<line x1="${left}" y1="${(30 + 264 / 2).toFixed(1)}"`);
    expect(svg).toContain(`<circle cx="${(left + 0.5 * w).toFixed(1)}" cy="${(30 + 264 / 2).toFixed(1)}" r="5" class="point"/>`);
    expect(svg).toContain('>chosen 0.25<');
  });

  it('draws dots with whiskers when the value axis does not start at 0', () => {
    const svg = barChartSvg({ kind: 'bar', title: 'AUC', domain: [0.8, 0.9], bars: [{ label: 'a', value: 0.85, error: [0.82, 0.88] }] }, 520, 'b');
    expect(svg).not.toContain('<rect x=');
    const dot = /<circle cx="([\d.]+)"/.exec(svg)!;
    const whisker = /<path d="M([\d.]+),[\d.]+V[\d.]+M[\d.]+,[\d.]+H([\d.]+)/.exec(svg)!;
    // the dot sits midway between the whisker ends (0.85 is midway between 0.82 and 0.88)
    expect(Number(dot[1])).toBeCloseTo((Number(whisker[1]) + Number(whisker[2])) / 2, 0);
  });

  it('a waterfall runs from the base value through each step to the sum', async () => {
    const { waterfallSvg, chartDataTable } = await import('../../src/ui/report-html.js');
    const chart = { kind: 'waterfall' as const, title: 'w', start: { label: 'base', value: -1.5 }, steps: [{ label: 'a', delta: 1 }, { label: 'b', delta: -0.25 }], end: { label: 'prediction' }, valueLabel: 'log-odds' };
    const table = chartDataTable(chart);
    expect(table.rows.map((r) => r.at(-1))).toEqual(['−1.500', '−0.500', '−0.750', '−0.750']);
    const svg = waterfallSvg(chart, 520, 'w');
    expect(svg).toContain('>+1.000<');
    expect(svg).toContain('>−0.250<');
    expect(svg.match(/<rect /g)).toHaveLength(4);
  });
});

describe('churn report', () => {
  const scores = [
    { score: 0.05, churned: false },
    { score: 0.15, churned: false },
    { score: 0.15, churned: true },
    { score: 0.55, churned: false },
    { score: 0.65, churned: true },
    { score: 0.95, churned: true },
  ];

  it('computes the reliability curve, Brier score, ECE and the threshold sweep by hand-checked values', async () => {
    const { reliabilityBins, brierScore, expectedCalibrationError, thresholdSweep } = await import('../../src/ui/lab/churn-report.js');
    const bins = reliabilityBins(scores);
    expect(bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect(bins[1]).toMatchObject({ meanPredicted: 0.15, observedRate: 0.5 });
    expect(bins[2]!.meanPredicted).toBeNaN();
    // (0.0025 + 0.0225 + 0.7225 + 0.3025 + 0.1225 + 0.0025) / 6 = 1.175 / 6
    expect(brierScore(scores)).toBeCloseTo(1.175 / 6, 12);
    // (1·0.05 + 2·0.35 + 1·0.55 + 1·0.35 + 1·0.05) / 6 = 1.7 / 6
    expect(expectedCalibrationError(bins)).toBeCloseTo(1.7 / 6, 12);
    const at = (t: number) => thresholdSweep(scores).find((s) => Math.abs(s.threshold - t) < 1e-9)!;
    // at 0.5: flagged 0.55, 0.65, 0.95 → tp 2, fp 1; recall 2/3
    expect(at(0.5)).toMatchObject({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(at(0.99)).toMatchObject({ precision: null, recall: 0, f1: null });
  });

  it('marks decisions, explains customers from the base value to the prediction, and reads recorded figures when present', async () => {
    const { sampleResult } = await import('../fixtures/churn/sample-result.js');
    const { renderChurnHtml } = await import('../../src/ui/lab/churn-report.js');
    const r = sampleResult();
    r.fairness.SeniorCitizen = { '0': { rows: 1190, positives: 287, detected: 188, flagged: 341, recall: 0.655, recallCi95: [0.598, 0.708], precision: 0.55, positiveRate: 0.287, positiveRateCi95: [0.262, 0.313] }, '1': { rows: 219, positives: 87, detected: 72, flagged: 119, recall: 0.828, recallCi95: [0.735, 0.893], precision: 0.6, positiveRate: 0.543, positiveRateCi95: [0.477, 0.608] } };
    const html = renderChurnHtml(r, {
      currency: 'USD',
      metrics: { 'test.auc.ci95Low': 0.811, 'test.auc.ci95High': 0.857, 'fairness.senior.recallGap.pValue': 0.0021, 'test.brier': 0.1402 },
      cvAucPerFold: { logistic_regression: [0.84, 0.85], random_forest: [0.83, 0.85], gradient_boosting: [0.84, 0.852] },
      testScores: scores,
    });
    expect(html).toContain('0.850 [0.811, 0.857]');
    expect(html).toContain('Brier score 0.1402');
    expect(html).toContain('Source: recorded in the run');
    expect(html).toContain('>chosen 0.33<');
    expect(html).toContain('>base rate 0.265<');
    expect(html).toContain('actual: churned');
    expect(html).toContain('200 caught (TP)');
    expect(html).toContain('senior (65+)');
    expect(html).toContain('p = 0.002 (significant at 5%)');
    expect(html).toContain('$14,000');
    // the one customer: base −1.2, tenure +0.7, the other 45 features make up logit(0.81) = 1.4500
    const other = Math.log(0.81 / 0.19) + 1.2 - 0.7;
    expect(html).toContain(`>45 other features<`);
    expect(html).toContain(`+${other.toFixed(3)}`);
    expect(html).toContain('C 1');
    expect(html).not.toMatch(/\{"|`prep/);
    expect(html).toContain('<code>prep runs show churn-test-run</code>');
    expect(html).toContain('<dt>PR-AUC</dt>');
  });

  it('a random forest explains probabilities: the other features close the gap to the predicted probability', async () => {
    const { sampleResult } = await import('../fixtures/churn/sample-result.js');
    const { renderChurnHtml } = await import('../../src/ui/lab/churn-report.js');
    const r = sampleResult();
    r.explain = { ...r.explain, outputSpace: 'probability', expectedValue: 0.26, examples: [{ id: 'x', actual: true, probability: 0.81, contributions: [{ feature: 'tenure', value: 1, shap: 0.4 }] }] };
    const html = renderChurnHtml(r);
    // 0.81 − 0.26 − 0.4 = 0.15
    expect(html).toMatch(/45 other features<\/td><td class="num">\+0\.150</);
  });
});

describe('segment report helpers', () => {
  it('finds the partial months at either end of the data', async () => {
    const { partialMonths } = await import('../../src/ui/segment/segment-report.js');
    expect([...partialMonths('2010-12-01 08:26', '2011-12-09 12:50').entries()]).toEqual([['2011-12', 'partial month: data ends 2011-12-09 (9 of 31 days)']]);
    expect([...partialMonths('2011-02-15', '2012-02-29').keys()]).toEqual(['2011-02']);
    expect(partialMonths('2011-01-01', '2011-04-30').size).toBe(0);
  });
});

describe('drift report', () => {
  it('bins both samples on one scale and shares sum to 1; coded columns go value by value', async () => {
    const { distributionShares } = await import('../../src/ui/lab/drift-report.js');
    const numeric = distributionShares([0, 1.5, 2.5, 10], [5, 10], 'numeric', 4);
    expect(numeric.map((b) => b.label)).toEqual(['0–2.5', '2.5–5', '5–7.5', '7.5–10']);
    expect(numeric.map((b) => b.reference)).toEqual([0.5, 0.25, 0, 0.25]);
    expect(numeric.map((b) => b.current)).toEqual([0, 0, 0.5, 0.5]);
    expect(distributionShares([0, 0, 1], [1, 1], 'numeric')).toEqual([{ label: '0', reference: 2 / 3, current: 0 }, { label: '1', reference: 1 / 3, current: 1 }]);
    const categorical = distributionShares(['a', 'a', 'b', 'c'], ['c', 'd'], 'categorical', 10, 2);
    expect(categorical).toEqual([{ label: 'a', reference: 0.5, current: 0 }, { label: 'b', reference: 0.25, current: 0 }, { label: '2 others', reference: 0.25, current: 1 }]);
  });
});

describe('runs diff report', () => {
  it('formats each metric in its unit and says when the runs used different data', async () => {
    const { renderRunsDiffHtml } = await import('../../src/ui/runs-diff-report.js');
    const run = (id: string, dataset: string) => ({ id, lab: 'churn', datasetName: dataset, seed: 42, startedAt: '2026-12-01T10:00:00Z', status: 'ok' });
    const html = renderRunsDiffHtml({
      a: run('A1', 'telco'),
      b: run('B1', 'telco_retrain'),
      params: [{ key: 'offerCost', a: 50, b: 60 }],
      metrics: [
        { key: 'test.auc', a: 0.834, b: 0.8411, delta: 0.0071 },
        { key: 'threshold.netValue', a: 14200, b: 16000, delta: 1800 },
        { key: 'dataset.rows', a: 7043, b: 7043, delta: 0 },
      ],
      units: { 'test.auc': 'ratio', 'threshold.netValue': 'currency', 'dataset.rows': 'rows' },
      currency: 'USD',
    });
    expect(html).toContain('different datasets');
    expect(html).toContain('+0.0071');
    expect(html).toContain('$16,000.00');
    expect(html).toContain('+$1,800.00');
    expect(html).not.toContain('dataset.rows');
    expect(html).toContain('1 identical ones left out');
    const { metricFormatter } = await import('../../src/ui/runs-diff-report.js');
    expect(metricFormatter('ratio')(0.00004)).toBe('4.0e-5');
    expect(metricFormatter('rows')(7043)).toBe('7,043');
  });
});

describe('heatmap cells', () => {
  // WCAG 2 relative luminance and contrast ratio
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('keep text contrast at 4.5:1 or more on every step, and steps get darker', async () => {
    const { heatLevels, shadeLevel } = await import('../../src/ui/report-html.js');
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 6);
    for (const level of heatLevels) expect(contrast(level.background, level.text)).toBeGreaterThanOrEqual(4.5);
    const l = heatLevels.map((h) => luminance(h.background));
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
    expect([0, 0.19, 0.2, 0.59, 0.8, 1, 1.5, -1].map(shadeLevel)).toEqual([0, 0, 1, 2, 4, 4, 4, 0]);
  });
});
