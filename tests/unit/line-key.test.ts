import { describe, expect, it } from 'vitest';
import { packLines, splitColumns, type PurchaseLine } from '../../src/lib/purchases/columns';
import { batchLineKeys, lineKeys } from '../../src/lib/purchases/line-key';

const line = (orderNo: string, amount: number, itemNo = 'A1'): PurchaseLine => ({ day: 19_800, customerId: 0, amount, quantity: 1, orderNo, itemNo, customerRef: 'M1' });

describe('lineKeys', () => {
  const lines = [line('X1', 100), line('X1', 100), line('X2', 100), line('X1', 100), line('X1', 250), line('X2', 100, 'B2')];
  const keys = lineKeys(packLines(lines));

  it('gives identical lines of one batch distinct keys, numbered in file order', () => {
    // Lines 0, 1 and 3 are the same sale three times: three keys, all different.
    expect(new Set([keys[0], keys[1], keys[3]]).size).toBe(3);
    expect(new Set(keys).size).toBe(lines.length);
  });

  it('gives the same keys however the batch is read: whole, or chunk by chunk with a running count', () => {
    const seen = new Map<number, number>();
    const chunked = splitColumns(packLines(lines), 2).flatMap((chunk) => [...lineKeys(chunk, seen)]);
    expect(chunked).toEqual([...keys]);
    expect([...lineKeys(packLines(lines), new Map())]).toEqual([...keys]);
  });

  it('gives the first of identical lines the key a lone copy gets, so re-imports match', () => {
    expect(lineKeys(packLines([line('X1', 100)]))[0]).toBe(keys[0]);
    expect(lineKeys(packLines([line('X1', 100), line('X1', 100)]))[1]).toBe(keys[1]);
  });

  it('does not depend on dictionary order', () => {
    const reordered = lineKeys(packLines([line('X2', 100), line('X1', 100)]));
    expect(reordered[1]).toBe(keys[0]);
    expect(reordered[0]).toBe(keys[2]);
  });
});

describe('batchLineKeys', () => {
  it('gives each chunk of a batch the keys a running count gives, repeats spanning chunks included', () => {
    // X1/100 four times across three chunks: occurrences 0–3 wherever they fall.
    const lines = [line('X1', 100), line('X2', 100), line('X1', 100), line('X1', 100), line('X3', 5), line('X1', 100), line('X2', 100, 'B2')];
    const chunks = splitColumns(packLines(lines), 3);
    const seen = new Map<number, number>();
    const running = chunks.map((c) => [...lineKeys(c, seen)]);
    const batch = batchLineKeys(chunks).map((k) => [...k]);
    expect(batch).toEqual(running);
    expect(batch.flat()).toEqual([...lineKeys(packLines(lines))]);
    expect(new Set(batch.flat()).size).toBe(lines.length);
  });

  it('gives a batch with no repeated line its first keys, and nothing for no chunks', () => {
    const chunks = splitColumns(packLines([line('X1', 1), line('X2', 2), line('X3', 3)]), 2);
    expect(batchLineKeys(chunks).map((k) => [...k])).toEqual(chunks.map((c) => [...lineKeys(c, new Map())]));
    expect(batchLineKeys([])).toEqual([]);
  });
});
