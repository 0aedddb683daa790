import { describe, expect, it } from 'vitest';
import { firstOccurrences } from '../../src/lib/import/first-seen';

/** The answer from one Map over all the hashes, in order. */
function reference(hash: Float64Array): number[] {
  const seen = new Map<number, number>();
  return Array.from(hash, (h, i) => {
    const first = seen.get(h);
    if (first === undefined) seen.set(h, i);
    return first ?? -1;
  });
}

describe('firstOccurrences (exact repeats among an import\'s row hashes)', () => {
  it('gives -1 to a first sighting and the first index, not the latest, to a repeat', () => {
    const first = firstOccurrences(Float64Array.of(123_456_789_012, 42, 123_456_789_012, 7, 123_456_789_012, 42));
    expect(Array.from(first)).toEqual([-1, -1, 0, -1, 0, 1]);
  });

  it('answers for the first n only, and for none or one', () => {
    expect(Array.from(firstOccurrences(Float64Array.of(5, 5, 5), 2))).toEqual([-1, 0]);
    expect(firstOccurrences(new Float64Array(0)).length).toBe(0);
    expect(Array.from(firstOccurrences(Float64Array.of(9)))).toEqual([-1]);
  });

  it('tells apart hashes that share their low 32 bits, or their high bits (one bucket)', () => {
    const low = 0x1234_5678;
    const sameLow = Float64Array.of(1 * 2 ** 32 + low, 5 * 2 ** 32 + low, low, 5 * 2 ** 32 + low);
    expect(Array.from(firstOccurrences(sameLow))).toEqual([-1, -1, -1, 1]);
    // 5,000 hashes under 2^20: every one in the first bucket, whose table then grows past the others'.
    const small = Float64Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 3_000);
    expect(Array.from(firstOccurrences(small))).toEqual(reference(small));
  });

  it('matches one Map over 200,000 52-bit hashes with repeats near and far', () => {
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
    const pool = Float64Array.from({ length: 150_000 }, () => (next() >>> 6) * 2 ** 26 + (next() >>> 6));
    const hash = Float64Array.from({ length: 200_000 }, (_, i) => (i < 150_000 ? pool[i]! : pool[next() % 150_000]!));
    // Shuffled, so that repeats come before and after their first sighting's neighbours.
    for (let i = hash.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [hash[i], hash[j]] = [hash[j]!, hash[i]!];
    }
    const expected = reference(hash);
    expect(expected.filter((f) => f !== -1).length).toBeGreaterThan(40_000); // the test has repeats to find
    expect(Array.from(firstOccurrences(hash))).toEqual(expected);
  });
});
