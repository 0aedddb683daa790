/** lib/purchases/distinct-ids: the distinct ids added, as a set counts them. */
import { describe, expect, it } from 'vitest';
import { DistinctIds } from '../../src/lib/purchases/distinct-ids';

describe('DistinctIds', () => {
  it('counts each id once, as a set does: ids from 0, far past the first bits, negative and past the bit limit', () => {
    let seed = 9;
    const rnd = (n: number) => Math.floor(((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296) * n);
    const ids = new DistinctIds();
    const set = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      const kind = rnd(10);
      const id = kind < 7 ? rnd(5_000) : kind < 8 ? 4_194_300 + rnd(10) : kind < 9 ? 2_147_483_000 + rnd(5) : -rnd(4);
      ids.add(id);
      set.add(id);
      if (i % 9_999 === 0) expect(ids.size).toBe(set.size);
    }
    expect(ids.size).toBe(set.size);
    expect(set.size).toBeGreaterThan(4_000);
  });

  it('is empty until an id comes; id 0 and the highest bit counted', () => {
    const ids = new DistinctIds();
    expect(ids.size).toBe(0);
    ids.add(0);
    ids.add(0);
    ids.add(4_194_303);
    ids.add(4_194_304);
    ids.add(4_194_304);
    expect(ids.size).toBe(3);
  });
});
