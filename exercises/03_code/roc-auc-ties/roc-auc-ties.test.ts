import { rocAuc } from './roc-auc-ties';

test('orders pairs', () => {
  expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
});
test('counts a tie as one half', () => {
  expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2])).toBe(0.875);
  expect(rocAuc([1, 0], [0.3, 0.3])).toBe(0.5);
});
test('NaN without both classes', () => {
  expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
});
