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
