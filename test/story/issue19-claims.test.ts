import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/story/claims.js';

describe('percentage-point claims (issue 19, 13)', () => {
  it('"pp" and "percentage points" are ratios like "%": 3.5 pp is 0.035, with the resolution of its last digit', () => {
    for (const text of ['recall rose by 3.5 pp after SMOTE', 'recall rose by 3.5 percentage points after SMOTE']) {
      const [claim] = extractClaims(text);
      expect(claim).toMatchObject({ unit: 'percent' });
      expect(claim!.value).toBeCloseTo(0.035, 12);
      expect(claim!.resolution).toBeCloseTo(0.0005, 12);
    }
  });
});
