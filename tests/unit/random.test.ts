import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/random';

describe('seeded random', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() within both bounds and reaches each of them', () => {
    const r = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('never picks an item of weight zero', () => {
    const r = createRandom(7);
    for (let i = 0; i < 1_000; i++) expect(r.weighted(['a', 'b', 'c'], [1, 0, 1])).not.toBe('b');
  });

  it('gives Poisson counts with about the asked mean', () => {
    const r = createRandom(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += r.poisson(3);
    expect(sum / 20_000).toBeCloseTo(3, 1);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });
});
