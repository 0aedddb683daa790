import { describe, expect, it } from 'vitest';
import { FirstSeen } from '../../src/lib/import/first-seen';

describe('FirstSeen (row hashes of an import, with the line each was first seen on)', () => {
  it('answers -1 the first time and the first line after that', () => {
    const seen = new FirstSeen();
    expect(seen.add(123_456_789_012, 2)).toBe(-1);
    expect(seen.add(42, 3)).toBe(-1);
    expect(seen.add(123_456_789_012, 7)).toBe(2); // the line it was first seen on, not the latest
    expect(seen.add(123_456_789_012, 9)).toBe(2);
    expect(seen.get(42)).toBe(3);
    expect(seen.get(43)).toBe(-1);
    expect(seen.size).toBe(2);
  });

  it('tells apart hashes that share their low 32 bits (the slot they start at)', () => {
    const seen = new FirstSeen();
    const low = 0x1234_5678;
    const a = 1 * 2 ** 32 + low;
    const b = 5 * 2 ** 32 + low;
    expect(seen.add(a, 10)).toBe(-1);
    expect(seen.add(b, 11)).toBe(-1);
    expect(seen.add(low, 12)).toBe(-1);
    expect([seen.get(a), seen.get(b), seen.get(low)]).toEqual([10, 11, 12]);
  });

  it('keeps every hash through growth and lists first sightings in the order they came', () => {
    const seen = new FirstSeen(4);
    const n = 5_000;
    // 2^40 + i·(2^32 + 1): distinct, and every 2^32-th one shares its low bits with another.
    for (let i = 0; i < n; i++) expect(seen.add(2 ** 40 + i * (2 ** 32 + 1), i + 1)).toBe(-1);
    for (let i = 0; i < n; i += 7) expect(seen.add(2 ** 40 + i * (2 ** 32 + 1), 99_999)).toBe(i + 1);
    const list = seen.list();
    expect(list.hash.length).toBe(n);
    expect(list.line[0]).toBe(1);
    expect(list.line[n - 1]).toBe(n);
    expect(list.hash[3]).toBe(2 ** 40 + 3 * (2 ** 32 + 1));
  });

  it('starts from a part\'s first rows (as mergeConverted does)', () => {
    const seen = FirstSeen.of({ hash: Float64Array.of(5, 6), line: Int32Array.of(3, 4) });
    expect(seen.add(6, 100)).toBe(4);
    expect(seen.add(8, 101)).toBe(-1);
    expect(Array.from(seen.list().line)).toEqual([3, 4, 101]);
  });
});
