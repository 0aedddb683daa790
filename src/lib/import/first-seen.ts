/**
 * Exact repeats among an import's rows, found from their hashes once every row is read.
 *
 * One open-addressing table over a million hashes missed the cache at nearly every row: 14 % of a
 * large file's conversion. Here the hashes are first grouped by their high bits into buckets of
 * about 256 (a counting sort, which keeps their order), and each bucket is checked in a table of
 * its own that stays in the cache; equal hashes always share a bucket, so the answer is the same.
 */

/** Hashes per bucket, about: a bucket's hashes and its table fit in the first-level cache. */
const BUCKET = 256;

/**
 * For each of the first `n` hashes, the index of the first equal hash before it, or -1 when it is
 * the first of its value. Any numbers will do as hashes; their low 32 bits should be well mixed.
 */
export function firstOccurrences(hash: Float64Array, n = hash.length): Int32Array {
  const first = new Int32Array(n).fill(-1);
  if (n < 2) return first;
  let bits = 0;
  while (bits < 20 && n >> bits > BUCKET) bits++;
  const mask = (1 << bits) - 1;
  // The high bits of a 52-bit hash (any other number still lands in one bucket per value).
  const bucketOf = (h: number) => (Math.floor(h / 2 ** 26) >>> (26 - bits)) & mask;
  const start = new Int32Array(mask + 2);
  for (let i = 0; i < n; i++) start[bucketOf(hash[i]!) + 1]!++;
  for (let b = 1; b < start.length; b++) start[b]! += start[b - 1]!;
  // Each bucket's hashes side by side, in their order, with where each came from.
  const at = start.slice(0, mask + 1);
  const sorted = new Float64Array(n);
  const from = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hash[i]!;
    const p = at[bucketOf(h)]!++;
    sorted[p] = h;
    from[p] = i;
  }
  let table = new Int32Array(16); // position in `sorted` + 1 of each first sighting; 0 = empty
  for (let b = 0; b <= mask; b++) {
    const s = start[b]!;
    const e = start[b + 1]!;
    let size = 16;
    while (size < 2 * (e - s)) size *= 2; // at most half full: probes stay short
    if (size > table.length) table = new Int32Array(size);
    else table.fill(0, 0, size);
    const slots = size - 1;
    for (let p = s; p < e; p++) {
      const h = sorted[p]!;
      let slot = (h >>> 0) & slots;
      for (;;) {
        const q = table[slot]!;
        if (q === 0) {
          table[slot] = p + 1;
          break;
        }
        if (sorted[q - 1] === h) {
          first[from[p]!] = from[q - 1]!;
          break;
        }
        slot = (slot + 1) & slots;
      }
    }
  }
  return first;
}
