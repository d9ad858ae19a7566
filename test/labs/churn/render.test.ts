import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { renderChurnHtml, renderChurnText } from '../../../src/ui/lab/churn-report.js';
import { ChurnSummary, StageList } from '../../../src/ui/lab/ChurnLabView.js';
import { confusionLines, resampleRoc } from '../../../src/ui/lab/plots.js';
import { stageNames } from '../../../src/labs/churn/types.js';
import { churnStatisticsLines } from '../../../src/ui/lab/churn-statistics-text.js';
import { sampleResult } from '../../fixtures/churn/sample-result.js';

describe('churn lab rendering', () => {
  it('labels the data as IBM fictional sample and flags the leaky SMOTE figure, in text and HTML', () => {
    const r = sampleResult();
    const text = renderChurnText(r);
    expect(text).toContain("IBM's fictional Telco sample data");
    expect(text).toMatch(/smoteLeaky \(MISTAKE\)\s+0\.93/);
    const html = renderChurnHtml(r);
    expect(html).toContain('IBM&#39;s fictional Telco sample data');
    expect(html).toContain('class="warning">Mistake shown on purpose: SMOTE applied before the split gives CV AUC 0.93');
    expect(html).toContain('MISTAKE: leaky, inflated');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5);
  });

  it('shows a fairness test\'s note in the terminal text and the HTML report', () => {
    const r = sampleResult();
    expect(churnStatisticsLines(r).join('\n')).not.toMatch(/overstate/);
    for (const t of Object.values(r.fairnessTests)) t.note = 'the test rows come in groups of household (up to 3 rows each), which the χ² test and the Wilson intervals count as independent customers: they overstate the certainty';
    expect(churnStatisticsLines(r).join('\n')).toMatch(/: (not )?significant \(the test rows come in groups of household .* overstate the certainty\)/);
    const html = renderChurnHtml(r);
    expect(html.match(/Note: the test rows come in groups of household/g)).toHaveLength(1);
  });

  it('writes a p-value below 0.001 as "p < 0.001", not "p = < 0.001"', () => {
    const html = renderChurnHtml(sampleResult(), { metrics: { 'fairness.gender.recallGap.pValue': 0.0002, 'fairness.gender.positiveRateGap.pValue': 0.0123 } });
    expect(html).toContain('p &lt; 0.001 (significant at 5%)');
    expect(html).toContain('p = 0.012 (significant at 5%)');
    expect(html).not.toContain('p = &lt;');
  });

  it('says when the splits kept groups of rows together, in text and HTML, and not otherwise', () => {
    const r = sampleResult();
    expect(renderChurnText(r)).toMatch(/Cross-validation \(\d+-fold stratified\):/);
    r.split.groups = { column: 'household', count: 2300, largest: 4 };
    expect(renderChurnText(r)).toContain('stratified, grouped by household (2,300 groups, the largest 4 rows)):');
    const html = renderChurnHtml(r);
    expect(html).toContain('stratified, grouped by household (2,300 groups, the largest 4 rows), used once at the end');
  });

  it('names the SeniorCitizen groups (coded 0/1 in the data) in the terminal text, as the HTML report does', () => {
    const r = sampleResult();
    const group = (recall: number) => ({ rows: 100, positives: 40, detected: Math.round(40 * recall), flagged: 50, recall, recallCi95: [recall - 0.1, recall + 0.1] as [number, number], precision: 0.5, positiveRate: 0.5, positiveRateCi95: [0.4, 0.6] as [number, number] });
    r.fairness.SeniorCitizen = { '0': group(0.655), '1': group(0.828) };
    r.fairnessTests.SeniorCitizen = { ...r.fairnessTests.gender!, attribute: 'SeniorCitizen' };
    const text = renderChurnText(r);
    expect(churnStatisticsLines(r).join('\n')).toMatch(/Fairness SeniorCitizen: recall not senior 0\.655 \[0\.555, 0\.755\] vs senior \(65\+\) 0\.828/);
    expect(text).toMatch(/SeniorCitizen\s+not senior\s+0\.\d{3}/);
    expect(text).toMatch(/SeniorCitizen\s+senior \(65\+\)\s+0\.\d{3}/);
    expect(text).not.toMatch(/SeniorCitizen\s+[01]\s/);
  });

  it('resamples the ROC step curve and lays out the confusion matrix', () => {
    expect(resampleRoc([[0, 0], [0.5, 0.8], [1, 1]], 3)).toEqual([0, 0.8, 1]);
    const lines = confusionLines({ tp: 200, fp: 120, tn: 915, fn: 174 });
    expect(lines[1]).toMatch(/churned\s+200\s+174/);
    expect(lines[2]).toMatch(/stayed\s+120\s+915/);
  });

  it('Ink summary shows the ROC plot, SHAP bars and confusion matrix; the stage list shows timings', () => {
    const { lastFrame } = render(React.createElement(ChurnSummary, { result: sampleResult() }));
    const frame = lastFrame()!;
    expect(frame).toContain('ROC curve, test (gradient_boosting, AUC 0.850)');
    expect(frame).toContain('Contract=Month-to-month');
    expect(frame).toMatch(/churned\s+200\s+174/);
    expect(frame).toContain('fictional');
    const stages = Object.fromEntries(stageNames.map((s) => [s, s === 'cv' ? { status: 'done', ms: 1234, summary: 'best gb' } : { status: 'waiting' }]));
    const list = render(React.createElement(StageList, { stages: stages as never })).lastFrame()!;
    expect(list).toMatch(/Models: cross-validate and tune\s+1234 ms\s+best gb/);
  });
});
