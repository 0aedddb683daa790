import { describe, expect, it } from 'vitest';
import { columnsAreConsistent, combineSummaries, interner, LineFlag, lineAt, packLines, splitColumns, summariseColumns, type PurchaseLine } from '../../src/lib/purchases/columns';

const lines: PurchaseLine[] = [
  { day: 100, customerId: 1, amount: 12_000, quantity: 1, orderNo: 'S1', itemNo: 'A1', points: 1, customerRef: 'VIP1' },
  { day: 100, customerId: 1, amount: 3_050, quantity: 2, orderNo: 'S1', itemNo: 'A2' },
  { day: 105, customerId: 0, amount: 5_000, quantity: 1, orderNo: 'S2', itemNo: 'A1' },
  { day: 90, customerId: 2, amount: -12_000, quantity: -1, orderNo: 'R1', itemNo: 'A1', flags: LineFlag.returned },
  { day: 110, customerId: 2, amount: 99_999, quantity: 1, orderNo: 'S3', flags: LineFlag.excluded },
];

const none = { cancellation: 0, returned: 0, nonPositivePrice: 0, noCustomer: 0, nonProduct: 0, futureDate: 0, repeated: 0 };

describe('packed purchase columns', () => {
  it('packs and unpacks every line unchanged', () => {
    const c = packLines(lines);
    expect(c.length).toBe(5);
    expect(lines.map((_, i) => lineAt(c, i))).toEqual(lines);
    expect(c.itemDict).toEqual(['A1', 'A2']); // each distinct string stored once
    expect(c.itemNo[4]).toBe(-1); // no item no.
    expect(Number.isNaN(c.points[1])).toBe(true); // points not given
  });

  it('splits into self-contained pieces with their own dictionaries', () => {
    const c = packLines(lines);
    const pieces = splitColumns(c, 2);
    expect(pieces.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pieces[1]!.orderDict).toEqual(['S2', 'R1']);
    expect(pieces.flatMap((p) => Array.from({ length: p.length }, (_, i) => lineAt(p, i)))).toEqual(lines);
    expect(pieces.every(columnsAreConsistent)).toBe(true);
  });

  it('summarises lines, leaving out excluded ones', () => {
    // 12,000 + 3,050 + 5,000 − 12,000 = 8,050 fen; the excluded 99,999 is not counted.
    expect(summariseColumns(packLines(lines))).toEqual({ lines: 5, orders: 3, amount: 8_050, firstDay: 90, lastDay: 105, linesWithoutCustomer: 1, excluded: 1, excludedByMark: none });
  });

  it('counts excluded lines apart, per mark they carry, and leaves them out of "without a customer"', () => {
    const marked: PurchaseLine[] = [
      { day: 1, customerId: 0, amount: 100, quantity: 1, orderNo: 'C1', flags: LineFlag.excluded | LineFlag.cancellation | LineFlag.noCustomer },
      { day: 1, customerId: 0, amount: 200, quantity: 1, orderNo: 'S1', flags: LineFlag.excluded | LineFlag.noCustomer },
      { day: 1, customerId: 3, amount: 0, quantity: 1, orderNo: 'S2', flags: LineFlag.excluded | LineFlag.nonPositivePrice },
      { day: 2, customerId: 0, amount: 500, quantity: 1, orderNo: 'S3', flags: LineFlag.noCustomer }, // kept: a walk-in counted
      { day: 2, customerId: 3, amount: -50, quantity: -1, orderNo: 'S3', flags: LineFlag.returned }, // kept return
    ];
    // 3 excluded: cancellation 1, noCustomer 2 (C1 carries both marks), nonPositivePrice 1; 2 kept lines, one without a customer.
    expect(summariseColumns(packLines(marked))).toEqual({
      lines: 5, orders: 1, amount: 450, firstDay: 2, lastDay: 2, linesWithoutCustomer: 1,
      excluded: 3, excludedByMark: { ...none, cancellation: 1, noCustomer: 2, nonPositivePrice: 1 },
    });
  });

  it('combines summaries, including empty ones', () => {
    const a = summariseColumns(packLines(lines.slice(0, 2)));
    const b = summariseColumns(packLines(lines.slice(2, 4)));
    const empty = summariseColumns(packLines([]));
    const c = summariseColumns(packLines(lines.slice(4)));
    expect(empty).toEqual({ lines: 0, orders: 0, amount: 0, firstDay: null, lastDay: null, linesWithoutCustomer: 0, excluded: 0, excludedByMark: none });
    expect(combineSummaries([a, empty, b, c])).toEqual({ lines: 5, orders: 3, amount: 8_050, firstDay: 90, lastDay: 105, linesWithoutCustomer: 1, excluded: 1, excludedByMark: none });
  });

  it('finds inconsistent columns', () => {
    const c = packLines(lines);
    expect(columnsAreConsistent(c)).toBe(true);
    expect(columnsAreConsistent({ ...c, amount: new Float64Array(4) })).toBe(false);
    expect(columnsAreConsistent({ ...c, day: new Float64Array(5) as unknown as Int32Array })).toBe(false);
    expect(columnsAreConsistent({ ...c, itemDict: ['A1'] })).toBe(false); // index 1 out of range
    expect(columnsAreConsistent({ ...c, length: -1 })).toBe(false);
  });
});

describe('interner', () => {
  it('gives each distinct text one index, whether it repeats the last one or an earlier one', () => {
    const dict: string[] = [];
    const intern = interner(dict);
    expect(['A1', 'A1', 'B2', 'A1', '', 'B2', 'B2', 'C3'].map(intern)).toEqual([0, 0, 1, 0, -1, 1, 1, 2]);
    expect([intern(null), intern(undefined), intern('C3')]).toEqual([-1, -1, 2]);
    expect(dict).toEqual(['A1', 'B2', 'C3']);
  });
});

describe('summariseColumns: orders', () => {
  it('counts each order once, excluded lines left out, an index past the dictionary once too', () => {
    const c = packLines([
      { day: 1, customerId: 1, amount: 100, quantity: 1, orderNo: 'S1' },
      { day: 1, customerId: 1, amount: 200, quantity: 1, orderNo: 'S1' },
      { day: 2, customerId: 0, amount: 300, quantity: 1, orderNo: 'S2' },
      { day: 3, customerId: 2, amount: 400, quantity: 1, orderNo: 'S3', flags: LineFlag.excluded | LineFlag.cancellation },
      { day: 4, customerId: 2, amount: 500, quantity: 1 },
    ]);
    expect(summariseColumns(c).orders).toBe(2); // S1, S2 (S3 is excluded, the last line has none)
    c.orderNo[4] = 7;
    c.orderNo[2] = 7;
    expect(summariseColumns(c).orders).toBe(2); // S1 and the stray index 7
  });
});
