import { describe, expect, it } from 'vitest';
import { renderTable, wrapForTerminal } from '../../src/ui/text.js';

process.env.NO_COLOR = '1';

describe('renderTable', () => {
  const rows = [
    ['23171 REGENCY TEA PLATE GREEN', '23172 REGENCY TEA PLATE PINK', 0.0101, 57.61],
    ['21086 SET/6 RED SPOTTY PAPER CUPS', '21094 SET/6 RED SPOTTY PAPER PLATES', 0.012, 44.62],
  ];

  it('pads to the widest cell and right-aligns numbers', () => {
    const lines = renderTable(['A', 'B', 'support', 'lift'], rows, { width: 200 }).split('\n');
    expect(lines[2]).toBe('23171 REGENCY TEA PLATE GREEN      23172 REGENCY TEA PLATE PINK          0.0101  57.61');
    expect(lines.every((l) => l.length <= 90)).toBe(true);
  });

  it('fits a narrow terminal by clipping the widest text columns, never the numbers', () => {
    const lines = renderTable(['A', 'B', 'support', 'lift'], rows, { width: 60 }).split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    expect(lines[2]).toMatch(/…\s+23172 REGENCY.*…\s+0\.0101\s+57\.61$/);
    expect(lines[3]).toMatch(/0\.012\s+44\.62$/);
  });
});

describe('renderTable with figures formatted as text', () => {
  it('right-aligns and never clips them', () => {
    const lines = renderTable(['model', 'AUC ± sd', 'share'], [['logistic regression with a long name', '0.849 ± 0.005', '26.5%'], ['forest', '0.849 ± 0.007', '-']], { width: 40 }).split('\n');
    expect(lines[2]).toMatch(/…\s+0\.849 ± 0\.005\s+26\.5%$/);
    expect(lines[3]).toMatch(/^forest\s+0\.849 ± 0\.007\s+-$/);
  });
});

describe('wrapForTerminal', () => {
  it('wraps long prose at spaces, keeps the indent, leaves short lines and piped output alone', () => {
    const text = 'short line\n  an indented paragraph that is much too long for a narrow terminal of forty columns';
    expect(wrapForTerminal(text, 40)).toBe('short line\n  an indented paragraph that is much too\n  long for a narrow terminal of forty\n  columns');
    expect(wrapForTerminal(text, undefined)).toBe(text);
    for (const line of wrapForTerminal(text, 40).split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('leaves a table row that cannot fit to the table, rather than breaking it across lines', () => {
    const row = '2010-12  885  100.0%  36.6%  32.3%  38.4%  36.3%  39.8%  36.3%  34.9%  35.4%  39.6%';
    expect(wrapForTerminal(row, 40)).toBe(row);
  });
});

describe('terminal output that survives a pipe', () => {
  it('clips at a word boundary, and only on a terminal', async () => {
    const { clipText } = await import('../../src/ui/text.js');
    expect(clipText('23171 REGENCY TEA PLATE GREEN', 24)).toBe('23171 REGENCY TEA PLATE…');
    expect(clipText('SUPERCALIFRAGILISTIC', 8)).toBe('SUPERCA…');
    expect(clipText('short', 8)).toBe('short');
    const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', { value: undefined, configurable: true });
    try {
      const long = 'mean over folds of ROC-AUC on each held-out fold (ties count half), a formula longer than sixty characters';
      // piped: neither the 60-character cell limit nor a width applies
      expect(renderTable(['formula'], [[long]], { maxWidth: 20 })).toContain(long);
    } finally {
      if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it('reports each phase on stderr as a line when neither stream is a terminal, and draws a bar on a terminal', async () => {
    const { progressBar } = await import('../../src/ui/text.js');
    const piped: string[] = [];
    let t = 0;
    const bar = progressBar('segment lab', { stream: { isTTY: false, write: (s: string) => (piped.push(s), true) } as never, stdoutIsTTY: false, now: () => t });
    t = 1500;
    bar.update('clean done in 1.5 s', 1 / 8);
    bar.update('clean done in 1.5 s', 1 / 8); // the same phase again: no new line
    t = 4000;
    bar.update('eda done in 2.5 s', 2 / 8);
    bar.done();
    expect(piped).toEqual(['segment lab: clean done in 1.5 s (13%, 1.5 s)\n', 'segment lab: eda done in 2.5 s (25%, 4.0 s)\n']);
    const live: string[] = [];
    const liveBar = progressBar('x', { stream: { isTTY: true, write: (s: string) => (live.push(s), true) } as never, stdoutIsTTY: false, now: () => 0 });
    liveBar.update('a', 0.5);
    liveBar.done();
    expect(live[0]).toMatch(/^\rx \[█{15}░{15}\]  50% a\u001b\[K$/);
    expect(live.at(-1)).toBe('\r\u001b[K');
    // stdout on a terminal, stderr redirected: quiet (the person sees the result)
    const quiet: string[] = [];
    progressBar('x', { stream: { isTTY: false, write: (s: string) => (quiet.push(s), true) } as never, stdoutIsTTY: true }).update('a', 0.5);
    expect(quiet).toEqual([]);
  });

  it('the churn lab logs stage starts and ends with readable details', async () => {
    const { churnStageLogger, readableStageDetail } = await import('../../src/ui/lab/churn-report.js');
    expect(readableStageDetail('gradient_boosting {"trees":200,"depth":3,"learningRate":0.05}')).toBe('gradient-boosted trees: trees 200, depth 3, learning rate 0.05');
    expect(readableStageDetail('logistic_regression {"C":1}')).toBe('logistic regression: C 1');
    expect(readableStageDetail('none, class weights')).toBe('none, class weights');
    const lines: string[] = [];
    let t = 0;
    const log = churnStageLogger((l) => lines.push(l), () => t);
    log({ type: 'stage-start', stage: 'cv' });
    log({ type: 'stage-progress', stage: 'cv', detail: 'x' });
    t = 3200;
    log({ type: 'stage-done', stage: 'cv', ms: 3100, summary: 'best logistic_regression AUC 0.849' });
    expect(lines).toEqual(['churn lab [6/12] Models: cross-validate and tune…\n', 'churn lab [6/12] cv done in 3.1 s (3.2 s so far): best logistic_regression AUC 0.849\n']);
  });

  it('the cohort chart keeps rows aligned and marks the partial month', async () => {
    const { cohortHeatmap } = await import('../../src/ui/segment/segment-report.js');
    const lines = cohortHeatmap(['2011-10', '2011-11', '2011-12'], [[1, 0.3, 0.1], [1, 0.05], [1]], '2011-12').split('\n');
    expect(lines[1]).toBe('2011-10  ██▒▒··   30.0%');
    expect(lines[2]).toBe('2011-11  ██··         -');
    expect(lines[3]).toBe('2011-12  ██           -');
    expect(lines.at(-1)).toContain('·· 2011-12, partial');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('the ROC plot says which line is which', async () => {
    const { rocPlot } = await import('../../src/ui/lab/plots.js');
    const plot = rocPlot([[0, 0], [0.2, 0.7], [1, 1]]);
    expect(plot.split('\n').at(-1)).toContain('upper curve: the model · diagonal: random guessing');
    for (const l of plot.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
});
