import { kmeansStep } from './kmeans-step';

test('assigns and moves centroids', () => {
  const r = kmeansStep([[0, 0], [0, 2], [10, 10], [12, 10]], [[1, 1], [9, 9]]);
  expect(r.labels).toEqual([0, 0, 1, 1]);
  expect(r.centroids).toEqual([[0, 1], [11, 10]]);
});
test('an empty cluster keeps its centroid', () => {
  const r = kmeansStep([[0, 0], [1, 0]], [[0, 0], [100, 100]]);
  expect(r.centroids[1]).toEqual([100, 100]);
});
