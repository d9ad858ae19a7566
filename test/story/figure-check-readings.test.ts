/**
 * Five readings the figure check got wrong, each pinned on general wordings and beside near misses
 * that must not change (labelled sentences for them: test/fixtures/figure-check/faults.jsonl,
 * points 11-15): a variant named without a metric word, shares of a data subgroup, fractions in
 * words, movements without "from", and denied figures, which are listed but not checked. Against
 * the frozen run store of test/fixtures/figure-check, and `prep story check` spawned for the output.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkClaims } from '../../src/story/check.js';
import { analyse } from '../../src/text/analyse.js';
import { extractFigures } from '../../src/text/figures.js';
import { makeTempHome, repoRoot, runPrep } from '../helpers/home.js';
import { frozenRuns } from '../helpers/frozen-runs.js';

const frozen = frozenRuns(join(repoRoot, 'test/fixtures/figure-check'));
const figuresOf = (text: string) => analyse(text).flatMap((s) => extractFigures(s, text));
const check = (text: string, figure: string) => checkClaims(text, frozen).find((c) => c.text === figure);

describe('a denied figure', () => {
  it.each([
    ['Test recall was not 80% but 69.5%.', '80%', 'not 80%'],
    ["The test AUC wasn't 0.88; it was 0.834.", '0.88', "wasn't 0.88"],
    ["I didn't get 0.85 AUC, I got 0.834 on the test set.", '0.85', "didn't get 0.85"],
    ['Accuracy was never 90%, it was 77.7% on the test set.', '90%', 'never 90%'],
  ])('"%s": %s is listed as denied, with its wording, and matched to no run', (text, figure, wording) => {
    const c = check(text, figure);
    expect(c).toMatchObject({ verdict: 'denied' });
    expect(c!.reason).toContain(`"${wording}"`);
    expect(c!.metric).toBeUndefined();
    expect(c!.runValue).toBeUndefined();
  });

  it('a negated bound and a negation in another clause are still claims', () => {
    expect(check('Test AUC did not drop below 0.83.', '0.83')?.verdict).toBe('backed');
    expect(check('We did not use SMOTE for the final model; test recall was 69.5%.', '69.5%')?.verdict).toBe('backed');
  });

  it('shows in `prep story check`, text and --json, and does not fail the check', () => {
    const home = makeTempHome();
    const text = runPrep(['story', 'check', '-'], { home, input: 'Test recall was not 80%.\n' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/80%\s+denied\s+denied by the sentence \("not 80%"\)/);
    expect(text.stdout).toContain('1 denied in the text, not checked');
    const json = runPrep(['story', 'check', '-', '--json'], { home, input: 'Test recall was not 80%.\n' });
    const out = JSON.parse(json.stdout) as { claims: { text: string; verdict: string }[]; denied: number; unbacked: number };
    expect(out.claims.map((c) => [c.text, c.verdict])).toEqual([['80%', 'denied']]);
    expect(out).toMatchObject({ denied: 1, unbacked: 0 });
  });
});
