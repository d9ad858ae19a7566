import { stratifiedFolds } from './stratified-split';

test('every index once, class counts balanced', () => {
  const y = Array.from({ length: 23 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const folds = stratifiedFolds(y, 4);
  expect(folds).toHaveLength(4);
  expect(folds.flat().sort((a, b) => a - b)).toEqual(y.map((_, i) => i));
  const positives = folds.map((f) => f.filter((i) => y[i] === 1).length);
  expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
});
test('round-robin from class 0', () => {
  expect(stratifiedFolds([0, 1, 0, 1, 0], 2)).toEqual([[0, 3, 4], [1, 2]]);
});
