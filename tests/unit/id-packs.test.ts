import { describe, expect, it } from 'vitest';
import { checkIds, groupByPack, mergePack, packOfId } from '../../src/lib/id-packs';

describe('id packs', () => {
  it('puts ids size apart in packs: 0–3 in pack 0, 4 in pack 1', () => {
    expect([1, 3, 4, 7, 8].map((id) => packOfId(id, 4))).toEqual([0, 0, 1, 1, 2]);
    const { groups, top } = groupByPack([{ id: 8 }, { id: 1 }, { id: 3 }, { id: 4 }], 4);
    expect([...groups]).toEqual([[2, [{ id: 8 }]], [0, [{ id: 1 }, { id: 3 }]], [1, [{ id: 4 }]]]);
    expect(top).toBe(8);
    expect(groupByPack([], 4).top).toBe(0);
  });

  it('merges into a pack by id: puts replace (last wins), drops remove, counts what changed', () => {
    const stored = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }];
    expect(mergePack(stored, [{ id: 5, v: 'e' }, { id: 2, v: 'B' }, { id: 2, v: 'B2' }], new Set([3, 9]))).toEqual({
      rows: [{ id: 1, v: 'a' }, { id: 2, v: 'B2' }, { id: 5, v: 'e' }],
      added: 1,
      removed: 1,
    });
    // A put and a drop of the same id: dropped.
    expect(mergePack([], [{ id: 4 }], new Set([4]))).toEqual({ rows: [], added: 1, removed: 1 });
  });

  it('refuses ids a pack cannot hold', () => {
    expect(() => checkIds([{ id: 1 }, { id: 2 ** 53 - 1 }], 'row')).not.toThrow();
    for (const id of [0, -1, 2.5, Number.NaN, 2 ** 53]) expect(() => checkIds([{ id }], 'tier state')).toThrow(`tier state id ${String(id)} is not a positive integer`);
  });
});
