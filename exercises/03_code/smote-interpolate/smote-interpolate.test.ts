import { interpolate } from './smote-interpolate';

test('lies on the segment', () => {
  expect(interpolate([0, 0], [10, 20], 0.25)).toEqual([2.5, 5]);
  expect(interpolate([1, 1], [3, 5], 0)).toEqual([1, 1]);
  expect(interpolate([1, 1], [3, 5], 1)).toEqual([3, 5]);
});
test('rejects a gap outside [0, 1]', () => {
  expect(() => interpolate([0], [1], 1.5)).toThrow(RangeError);
});
