/**
 * One decision tree as flat arrays (what prediction, serialisation and TreeSHAP read), and the
 * histogram-based grower both ensembles use. A split sends x[feature] <= threshold left.
 *
 * Written here rather than using ml-random-forest: measured on the Telco sample (7,043 × ~45)
 * ml-random-forest takes ~3 s per tree because its CART re-scans every row for every candidate
 * threshold; the lab needs hundreds of trees per run (`BENCH_BASELINE=1 node bench/churn.js` shows the
 * ratio; bench/trees.js times the lab's grids).
 */
import type { Matrix } from '../matrix.js';
import type { Rng } from '../random.js';
import type { BinnedMatrix } from './binning.js';

export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Σ training weight reaching the node: the path-dependent TreeSHAP expectations use it. */
  cover: Float64Array;
}

export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

export function treeToJSON(t: TreeArrays): TreeJSON {
  return { feature: [...t.feature], threshold: [...t.threshold], left: [...t.left], right: [...t.right], value: [...t.value], cover: [...t.cover] };
}

export function treeFromJSON(j: TreeJSON): TreeArrays {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    value: Float64Array.from(j.value),
    cover: Float64Array.from(j.cover),
  };
}

export function predictTree(t: TreeArrays, x: Matrix, row: number): number {
  let node = 0;
  const base = row * x.cols;
  while (t.feature[node]! >= 0) node = x.data[base + t.feature[node]!]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
  return t.value[node]!;
}

export function treeDepth(t: TreeArrays, node = 0): number {
  return t.feature[node]! < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[node]!), treeDepth(t, t.right[node]!));
}

/**
 * How a node is scored and valued, by kind: 'gini' (forest: first = weight·y, second = weight;
 * score −2·pos·(w − pos)/w, the negated weighted Gini impurity; value pos/w) or 'newton'
 * (boosting: first = gradient, second = hessian; score G²/(H + lambda); value
 * −learningRate·G/(H + lambda)). A split's gain is score(left) + score(right) − score(parent).
 * Kinds rather than functions: a worker fits forests and boosting alike, and one call site
 * seeing two functions is not inlined (measured: a forest, a boosting and a logistic fit in one
 * process took 0.89-0.92x the time with kinds).
 */
export type SplitCriterion = {
  /** Per row: the two sums the criterion needs. */
  first: Float64Array;
  second: Float64Array;
  /** Smallest `second` sum a child may have (minimum child weight for boosting). */
  minSecond: number;
} & ({ kind: 'gini' } | { kind: 'newton'; lambda: number; learningRate: number });

export interface GrowOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** Features tried per split (all when ≥ cols). */
  maxFeatures: number;
  rng: Rng;
  /** Per-row weight of the row in this tree (0 = not in the tree's sample, e.g. out of bag). */
  rowWeight: Float64Array;
  criterion: SplitCriterion;
  /** Smallest gain worth a split. */
  minGain: number;
  /** If given, filled with the leaf each row of the tree's sample lands in (-1 for rows outside it), so boosting can update its margins without walking the tree per row. */
  leafOfRow?: Int32Array;
  /** Nodes with at least this many rows keep a histogram of every feature for subtraction (default 64, the best of 16-2048 measured on the Telco forest; Infinity turns it off). */
  fullHistogramMinRows?: number;
}

/** Deepest level with full histograms: bounds the buffers a very unbalanced tree could ask for. */
const MAX_FULL_DEPTH = 48;

/**
 * Where each feature's bins sit in a histogram (feature j's bin b at offset[j] + 3·b: three sums
 * per bin, features packed by their own bin counts, so the Telco design's 47 features take 922
 * bins, 22 KB, instead of 47 × 256), and per row the slots its codes update in a scan of every
 * feature (rowSlots[rowStart[i] .. rowStart[i + 1]): dense features, then two-bin features in
 * bin 1). Computed once per binned matrix (a fit grows hundreds of trees on one), with the codes
 * column by column (codeColumns[j · rows + i]): a partition reads one feature of many rows.
 */
interface HistogramLayout {
  offset: Int32Array;
  size: number;
  rowStart: Int32Array;
  rowSlots: Int32Array;
  codeColumns: Uint8Array;
}

const layoutCache = new WeakMap<BinnedMatrix, HistogramLayout>();

function histogramLayout(binned: BinnedMatrix): HistogramLayout {
  const cached = layoutCache.get(binned);
  if (cached) return cached;
  const { rows, cols, codes, bins, isBinary, onesStart, ones } = binned;
  const offset = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++) offset[j + 1] = offset[j]! + 3 * bins[j]!;
  const dense: number[] = [];
  for (let j = 0; j < cols; j++) if (!isBinary[j]) dense.push(j);
  const rowStart = new Int32Array(rows + 1);
  const rowSlots = new Int32Array(rows * dense.length + ones.length);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = q;
    for (const j of dense) rowSlots[q++] = offset[j]! + 3 * codes[i * cols + j]!;
    for (let k = onesStart[i]!; k < onesStart[i + 1]!; k++) rowSlots[q++] = offset[ones[k]!]! + 3;
  }
  rowStart[rows] = q;
  const codeColumns = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) codeColumns[j * rows + i] = codes[i * cols + j]!;
  const layout = { offset, size: offset[cols]!, rowStart, rowSlots, codeColumns };
  layoutCache.set(binned, layout);
  return layout;
}

/** Histogram buffers, allocated once per binned matrix (a fit grows hundreds of trees on one). */
const histogramCache = new WeakMap<BinnedMatrix, Float64Array[]>();

function histogramBuffers(binned: BinnedMatrix, size: number, count: number): Float64Array[] {
  let list = histogramCache.get(binned);
  if (!list) histogramCache.set(binned, (list = []));
  while (list.length < count) list.push(new Float64Array(size));
  return list;
}

/** Bin 0 of a two-bin feature is the node total minus bin 1 (scanAll counts only bin 1, from the sparse list). */
function fillBinZero(h: Float64Array, base: number, sumFirst: number, sumSecond: number, count: number): void {
  h[base] = sumFirst - h[base + 3]!;
  h[base + 1] = sumSecond - h[base + 4]!;
  h[base + 2] = count - h[base + 5]!;
}

export function growTree(binned: BinnedMatrix, o: GrowOptions): TreeArrays {
  const { rows, codes, edges, bins } = binned;
  const features: number[] = [];
  const thresholds: number[] = [];
  const lefts: number[] = [];
  const rights: number[] = [];
  const values: number[] = [];
  const covers: number[] = [];
  const { first, second } = o.criterion;
  const gini = o.criterion.kind === 'gini';
  const [lambda, learningRate] = o.criterion.kind === 'newton' ? [o.criterion.lambda, o.criterion.learningRate] : [0, 0];
  const score = (a: number, b: number) => (gini ? (b > 0 ? (-2 * a * (b - a)) / b : 0) : (a * a) / (b + lambda));
  const leafValue = (a: number, b: number) => (gini ? (b > 0 ? a / b : 0) : (-learningRate * a) / (b + lambda));

  const indices = new Int32Array(rows);
  let n = 0;
  for (let i = 0; i < rows; i++) if (o.rowWeight[i]! > 0) indices[n++] = i;

  const cols = binned.cols;
  // A node's histogram: feature j's bins from offset[j] (histogramLayout). Each bin keeps its
  // three sums side by side (first, second, count at 3·bin): one cache line per update, where
  // three separate arrays cost three misses (measured: a third of the boosting fit time).
  const { offset, size: histSize, rowStart, rowSlots, codeColumns } = histogramLayout(binned);
  const order = Int32Array.from({ length: cols }, (_, j) => j);
  const tried = new Int32Array(cols);
  // Two-bin features (one-hot columns, yes/no flags) are mostly 0: a full scan adds only their
  // bin 1 (from binned.ones), and bin 0 is the node total minus bin 1.
  const { isBinary } = binned;
  // LightGBM's subtraction trick: a node with a histogram of every feature ("full") gives its
  // larger child the histogram parent minus smaller child, so only the smaller child's rows are
  // scanned. Boosting tries every feature anyway, so all its nodes are full. A forest tries a
  // sample of features per node; there a full histogram costs little more to scan than a sampled
  // one (each row's one-hot list is walked either way) and pays off on nodes with many rows.
  const fullMinRows = o.maxFeatures >= cols ? 0 : (o.fullHistogramMinRows ?? 64);
  const wantsFull = (count: number, depth: number) => depth < MAX_FULL_DEPTH && count >= fullMinRows;
  // Buffer 0 is scratch for sampled histograms; full ones have two per depth (1 + 2·depth + side):
  // one child's histogram waits while its sibling's subtree is built.
  const scratch = histogramBuffers(binned, histSize, 1)[0]!;
  const fullBuffer = (depth: number, side: 0 | 1) => histogramBuffers(binned, histSize, 3 + 2 * depth)[1 + 2 * depth + side]!;

  function newNode(sumFirst: number, sumSecond: number, weight: number): number {
    features.push(-1);
    thresholds.push(0);
    lefts.push(-1);
    rights.push(-1);
    values.push(leafValue(sumFirst, sumSecond));
    covers.push(weight);
    return features.length - 1;
  }

  /** Fills h with the histograms of rows indices[start, end) over the sampled features list[0..n). */
  function scan(h: Float64Array, start: number, end: number, list: Int32Array, n: number, sumFirst: number, sumSecond: number): void {
    for (let t = 0; t < n; t++) h.fill(0, offset[list[t]!]!, offset[list[t]! + 1]!);
    // Every sampled feature by its code, two-bin ones too: reading the row's codes costs less than
    // walking its one-hot list and skipping unsampled features (a branch it mispredicts). Their bin
    // 0 sums are then replaced, as in scanAll: the same rows summed in another order could differ
    // in the last bit from scanAll's.
    const index = indices, firsts = first, seconds = second, offsets = offset, codeRows = codes; // see scanAll
    for (let k = start; k < end; k++) {
      const i = index[k]!;
      const f = firsts[i]!;
      const s = seconds[i]!;
      const rowBase = i * cols;
      for (let t = 0; t < n; t++) {
        const j = list[t]!;
        const slot = offsets[j]! + 3 * codeRows[rowBase + j]!;
        h[slot] += f;
        h[slot + 1] += s;
        h[slot + 2]++;
      }
    }
    for (let t = 0; t < n; t++) {
      const j = list[t]!;
      if (isBinary[j]) fillBinZero(h, offset[j]!, sumFirst, sumSecond, end - start);
    }
  }

  /** scan() over every feature (a full histogram): each row's slots are precomputed (histogramLayout), the hot loop of boosting. */
  function scanAll(h: Float64Array, start: number, end: number, sumFirst: number, sumSecond: number): void {
    h.fill(0, 0, histSize);
    // The loops read local copies of growTree's arrays: read from the closure, each access reloads
    // them (measured: 9% of a boosting fit).
    const index = indices, firsts = first, seconds = second, starts = rowStart, slots = rowSlots;
    for (let k = start; k < end; k++) {
      const i = index[k]!;
      const f = firsts[i]!;
      const s = seconds[i]!;
      const slotsEnd = starts[i + 1]!;
      for (let q = starts[i]!; q < slotsEnd; q++) {
        const slot = slots[q]!;
        h[slot] += f;
        h[slot + 1] += s;
        h[slot + 2]++;
      }
    }
    for (let j = 0; j < cols; j++) if (isBinary[j]) fillBinZero(h, offset[j]!, sumFirst, sumSecond, end - start);
  }

  function leaf(node: number, start: number, end: number): number {
    if (o.leafOfRow) for (let k = start; k < end; k++) o.leafOfRow[indices[k]!] = node;
    return node;
  }

  /**
   * The node of rows indices[start, end), whose sums of first, second and row weight the caller
   * passes (the parent adds them up while partitioning, so no level walks its rows twice).
   * `given`: the node's full histogram when its parent already made it (subtraction); otherwise it is scanned here.
   */
  function build(start: number, end: number, depth: number, sumFirst: number, sumSecond: number, weight: number, given?: Float64Array): number {
    const node = newNode(sumFirst, sumSecond, weight);
    const count = end - start;
    if (depth >= o.maxDepth || count < o.minSamplesSplit || count < 2 * o.minSamplesLeaf) return leaf(node, start, end);
    const parentScore = score(sumFirst, sumSecond);

    // choose the features to try at this node (partial Fisher-Yates without replacement)
    const tries = Math.min(o.maxFeatures, cols);
    for (let t = 0; t < tries; t++) {
      if (tries < cols) {
        const swap = t + o.rng.int(cols - t);
        const tmp = order[t]!;
        order[t] = order[swap]!;
        order[swap] = tmp;
      }
      tried[t] = order[t]!;
    }
    const full = given !== undefined || wantsFull(count, depth);
    let hist = given ?? scratch;
    if (!given && full) scanAll((hist = fullBuffer(depth, 0)), start, end, sumFirst, sumSecond);
    else if (!given) scan(hist, start, end, tried, tries, sumFirst, sumSecond);

    let bestGain = o.minGain;
    let bestFeature = -1;
    let bestBin = -1;
    const { minSamplesLeaf } = o;
    const { minSecond } = o.criterion;
    for (let t = 0; t < tries; t++) {
      const j = tried[t]!;
      const nb = bins[j]!;
      if (nb < 2) continue;
      const base = offset[j]!;
      let leftFirst = 0;
      let leftSecond = 0;
      let leftCount = 0;
      for (let b = 0; b < nb - 1; b++) {
        const binCount = hist[base + 3 * b + 2]!;
        leftFirst += hist[base + 3 * b]!;
        leftSecond += hist[base + 3 * b + 1]!;
        leftCount += binCount;
        if (binCount === 0) continue; // same partition as the previous bin
        const rightCount = count - leftCount;
        if (leftCount < minSamplesLeaf) continue;
        if (rightCount < minSamplesLeaf) break;
        const rightSecond = sumSecond - leftSecond;
        if (leftSecond < minSecond || rightSecond < minSecond) continue;
        const gain = score(leftFirst, leftSecond) + score(sumFirst - leftFirst, rightSecond) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return leaf(node, start, end);

    // partition indices[start, end) so rows with code <= bestBin come first, summing each side
    let lo = start;
    let hi = end - 1;
    let leftFirst = 0;
    let leftSecond = 0;
    let leftWeight = 0;
    let rightFirst = 0;
    let rightSecond = 0;
    let rightWeight = 0;
    const column = bestFeature * rows;
    const index = indices, firsts = first, seconds = second, weights = o.rowWeight, columns = codeColumns; // see scanAll
    while (lo <= hi) {
      const i = index[lo]!;
      if (columns[column + i]! <= bestBin) {
        leftFirst += firsts[i]!;
        leftSecond += seconds[i]!;
        leftWeight += weights[i]!;
        lo++;
      } else {
        rightFirst += firsts[i]!;
        rightSecond += seconds[i]!;
        rightWeight += weights[i]!;
        index[lo] = index[hi]!;
        index[hi] = i;
        hi--;
      }
    }
    features[node] = bestFeature;
    thresholds[node] = edges[bestFeature]![bestBin]!;
    let leftHist: Float64Array | undefined;
    let rightHist: Float64Array | undefined;
    if (full && depth + 1 < o.maxDepth && wantsFull(Math.max(lo - start, end - lo), depth + 1)) {
      // scan the smaller child into one buffer of the next depth, derive the larger in the other
      const smallIsLeft = lo - start <= end - lo;
      const small = fullBuffer(depth + 1, 0);
      const large = fullBuffer(depth + 1, 1);
      const [smallStart, smallEnd] = smallIsLeft ? [start, lo] : [lo, end];
      scanAll(small, smallStart, smallEnd, smallIsLeft ? leftFirst : rightFirst, smallIsLeft ? leftSecond : rightSecond);
      for (let q = 0; q < histSize; q++) large[q] = hist[q]! - small[q]!;
      [leftHist, rightHist] = smallIsLeft ? [small, large] : [large, small];
    }
    const left = build(start, lo, depth + 1, leftFirst, leftSecond, leftWeight, leftHist);
    const right = build(lo, end, depth + 1, rightFirst, rightSecond, rightWeight, rightHist);
    lefts[node] = left;
    rights[node] = right;
    return node;
  }

  let rootFirst = 0;
  let rootSecond = 0;
  let rootWeight = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    rootFirst += first[i]!;
    rootSecond += second[i]!;
    rootWeight += o.rowWeight[i]!;
  }
  build(0, n, 0, rootFirst, rootSecond, rootWeight);
  return {
    feature: Int32Array.from(features),
    threshold: Float64Array.from(thresholds),
    left: Int32Array.from(lefts),
    right: Int32Array.from(rights),
    value: Float64Array.from(values),
    cover: Float64Array.from(covers),
  };
}
