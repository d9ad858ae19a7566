import { psi } from './psi';

test('identical distributions give 0', () => {
  expect(psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
});
test('hand-computed shift', () => {
  expect(psi([0.5, 0.5], [0.3, 0.7])).toBeCloseTo(0.2 * Math.log(5 / 3) + 0.2 * Math.log(7 / 5), 12);
});
test('an empty bin stays finite', () => {
  expect(Number.isFinite(psi([0.5, 0.5], [1, 0]))).toBe(true);
});
