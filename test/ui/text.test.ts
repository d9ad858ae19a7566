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
