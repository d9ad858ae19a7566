import { quintileScores } from './rfm-quintiles';

test('ten values into quintiles', () => {
  expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
});
test('recency: lower is better', () => {
  expect(quintileScores([10, 1, 5, 3, 8], false)).toEqual([1, 5, 3, 4, 2]);
});
test('ties broken by position', () => {
  expect(quintileScores([7, 7, 7, 7, 7], true)).toEqual([1, 2, 3, 4, 5]);
});
