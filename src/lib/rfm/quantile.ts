/**
 * R's default sample quantile (type 7), reproduced operation for operation so cut points match
 * the R package `rfm` 0.3.0 to the last bit, not just to the printed digits.
 */

/**
 * `seq(0, 1, length.out = n + 1)` as R's seq.default builds it for double from/to:
 * `c(from, from + seq_len(n - 1) * by, to)` with `by = (to - from) / n`.
 * So the 3rd of 5 steps is 3 * 0.2 = 0.6000000000000001, not 0.6; kept, because R keeps it.
 */
export function rProbabilities(n: number): number[] {
  const by = 1 / n;
  const probs = [0];
  for (let k = 1; k < n; k++) probs.push(k * by);
  probs.push(1);
  return probs;
}

/**
 * `quantile(x, p, type = 7)` for `sorted` ascending and not empty (or only partially sorted,
 * see selectOrderStatistics):
 * index = 1 + (N − 1)p (1-based), lo = floor, hi = ceiling, and when index > lo and the two
 * order statistics differ, (1 − h)·x[lo] + h·x[hi] with h = index − lo (R's exact expression;
 * x[lo] + h·(x[hi] − x[lo]) rounds differently).
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1] as number;
  const xh = sorted[hi - 1] as number;
  if (index > lo && xh !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xh;
  }
  return qs;
}

/**
 * R's `median` (mean of the two middle values) of an ascending array, or of one where the middle
 * positions were put in place by selectOrderStatistics; null when empty.
 */
export function medianSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const half = n >> 1;
  const upper = sorted[half] as number;
  return n % 2 === 1 ? upper : ((sorted[half - 1] as number) + upper) / 2;
}

/** Positions (0-based) quantileType7 reads for probability p among n values. */
export function type7Positions(n: number, p: number): [number, number] {
  const index = 1 + Math.max(n - 1, 0) * p;
  return [Math.floor(index) - 1, Math.ceil(index) - 1];
}

/**
 * Partially sorts `a` in place so that every position in `positions` holds the value a full
 * ascending sort would put there (R's `sort(x, partial = …)`). Hoare partitioning around a
 * median of three: linear on average, and runs of equal values (order counts) split evenly.
 * A few order statistics of 100,000 values cost a fraction of a full sort.
 */
export function selectOrderStatistics(a: Float64Array, positions: readonly number[]): void {
  const wanted = [...new Set(positions)].filter((k) => k >= 0 && k < a.length).sort((x, y) => x - y);
  let from = 0;
  for (const k of wanted) {
    select(a, k, from, a.length - 1);
    // Everything left of k is now ≤ a[k]: later (larger) positions only need the right part.
    from = k;
  }
}

function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const x = medianOf3(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < x) i++;
      while ((a[j] as number) > x) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ x ≤ [i, hi], and any cells between j and i equal x.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

const medianOf3 = (x: number, y: number, z: number) => (x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y);
