import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/text/analyse.js';
import { extractFigures } from '../../src/text/figures.js';

const figures = (text: string) => analyse(text).flatMap((s) => extractFigures(s, text));

describe('percentage-point figures (issue 19, 13)', () => {
  it('"pp" and "percentage points" are ratios like "%": 3.5 pp is 0.035, with the resolution of its last digit', () => {
    for (const text of ['recall rose by 3.5 pp after SMOTE', 'recall rose by 3.5 percentage points after SMOTE']) {
      const [figure] = figures(text);
      expect(figure).toMatchObject({ unit: 'pp' });
      expect(figure!.value).toBeCloseTo(0.035, 12);
      expect(figure!.resolution).toBeCloseTo(0.0005, 12);
    }
  });

  it('a range in points divides both ends', () => {
    const [figure] = figures('a gap of 5-10 pp between groups');
    expect(figure!.value).toBeCloseTo(0.05, 12);
    expect(figure!.high).toBeCloseTo(0.1, 12);
  });
});
