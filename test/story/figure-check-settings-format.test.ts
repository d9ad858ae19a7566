/**
 * The run's value as the reason shows it, for counts, money and model parameters (no decimals from
 * 100 up, up to three below, "0" for zero), and settings a run does not record: a period in weeks,
 * folds on a run without the parameter, an employer named mid-sentence versus an acronym. Against
 * the frozen run store of test/fixtures/figure-check and a small in-memory store; no lab runs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import type { RunRecord } from '../../src/data/runs.js';
import { checkClaims, type ClaimCheck, type RunSource } from '../../src/story/check.js';
import { repoRoot } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const SEGMENT = 'segment-20261201-095917-21b7';
const only = (text: string, source: RunSource = frozen): ClaimCheck => {
  const checks = checkClaims(text, source);
  expect(checks, text).toHaveLength(1);
  return checks[0]!;
};

describe('the run\'s value in the reason', () => {
  it('from 100 up without decimals, below 100 with up to three, zero as 0', () => {
    expect(only('The median customer spent £674.49.').reason).toBe(`run ${SEGMENT} measured 674 (rfm.median.monetary, retail)`);
    expect(only('The Gamma-Gamma v parameter was 413.78.').reason).toBe(`run ${SEGMENT} measured 414 (clv.gammaGamma.v, retail)`);
    expect(only('The Gamma-Gamma p parameter was 2.5.').reason).toBe(`your run ${SEGMENT} measured 2.329 (clv.gammaGamma.p, retail)`);
    expect(only('We dropped 45 lines with a unit price of zero.').reason).toBe(`your run ${SEGMENT} measured 40 (cleaning.dropped.unit, retail)`);
    expect(only('We dropped 40 lines with a unit price of zero.').verdict).toBe('backed');
    expect(only('No lines were dropped for quantity; we dropped 12 lines for non-positive quantity.').reason).toBe(`your run ${SEGMENT} measured 0 (cleaning.dropped.quantity, retail)`);
  });
});

describe('settings a run does not record', () => {
  it('a period in weeks is a setting, in days a result', () => {
    expect(only('The median recency was 51 weeks.')).toEqual({ text: '51 weeks', line: 1, sentence: 'The median recency was 51 weeks.', verdict: 'setting', reason: 'a setting (a period of time), not a result' });
    expect(only('The median recency was 51 days.')).toMatchObject({ verdict: 'backed', metric: 'segment.rfm.median.recency' });
  });

  it('folds on a run that did not record them', () => {
    const bare: RunSource = {
      list: () => [{ id: 'churn-20261201-090000-f01d', lab: 'churn', datasetName: 'telco', datasetSha256: null, params: {}, seed: 42, codeVersion: 'test', startedAt: '20261201T090000', durationMs: 1, status: 'ok', error: null } satisfies RunRecord],
      metrics: () => [{ key: 'test.auc', value: 0.8342, inputs: {} }],
    };
    expect(only('I used 5-fold cross-validation.', bare)).toEqual({ text: '5-fold', line: 1, sentence: 'I used 5-fold cross-validation.', verdict: 'setting', reason: 'a setting (cross-validation folds), not a result; no run of yours records it' });
    // no churn run at all: the same
    expect(only('I used 5-fold cross-validation.', { list: () => [], metrics: () => [] }).reason).toBe('a setting (cross-validation folds), not a result; no run of yours records it');
  });
});

describe('an employer is a capitalised name after "at", anywhere in the sentence', () => {
  it('mid-sentence, and not an acronym', () => {
    expect(only('My model was at Acme, where my test recall was 69.5%.')).toMatchObject({ verdict: 'no-run', reason: 'about another project: prep has no run of it, so it can be neither backed nor contradicted; cite its source' });
    expect(only('My test recall at ACME was 69.5%.')).toMatchObject({ verdict: 'backed', metric: 'churn.test.recall' });
  });
});

describe('PREP_DEBUG_CHECK: the best-scored figures of each figure, for tuning the catalogue', () => {
  afterEach(() => {
    delete process.env.PREP_DEBUG_CHECK;
    vi.restoreAllMocks();
  });
  const written = (value: string | undefined) => {
    if (value === undefined) delete process.env.PREP_DEBUG_CHECK;
    else process.env.PREP_DEBUG_CHECK = value;
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      checkClaims('Test recall was 69.5%.', frozen);
      return write.mock.calls.map((call) => String(call[0]));
    } finally {
      write.mockRestore();
    }
  };

  it('writes nothing unless set', () => {
    expect(written(undefined)).toEqual([]);
  });

  it('N figures per figure, best first, with head and context scores; six when N is not a number', () => {
    expect(written('1')).toEqual(['69.5%: test.recall h2.50 c1.50\n']);
    expect(written('2')).toEqual(['69.5%: test.recall h2.50 c1.50 | test.default.recall h2.50 c1.50\n']);
    const six = written('yes');
    expect(six).toHaveLength(1);
    expect(six[0]!.split(' | ')).toHaveLength(6);
    expect(six[0]).toMatch(/^69\.5%: test\.recall h2\.50 c1\.50 \| .* h\d+\.\d\d c\d+\.\d\d\n$/);
  });
});
