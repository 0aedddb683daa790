import { describe, expect, it } from 'vitest';
import { columnsAreConsistent, combineSummaries, Interner, interner, LineFlag, lineAt, packLines, splitColumns, summariseColumns, type PurchaseLine } from '../../src/lib/purchases/columns';

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

describe('Interner: a sorted dictionary searched without a Map until a text comes out of order', () => {
  // What interning means, the plain way: a Map from each text to the index it was first given.
  const reference = (values: readonly (string | null)[]) => {
    const at = new Map<string, number>();
    const indexes = values.map((v) => {
      if (v === null || v === '') return -1;
      if (!at.has(v)) at.set(v, at.size);
      return at.get(v)!;
    });
    return { indexes, dict: [...at.keys()] };
  };
  const interned = (values: readonly (string | null)[]) => {
    const dict: string[] = [];
    const into = new Interner(dict);
    return { indexes: values.map((v) => into.intern(v)), dict };
  };

  it('numbers ascending, descending and unsorted texts as a Map does, repeats and empty cells among them', () => {
    expect(interned(['S1', 'S1', 'S2', 'S3', 'S3', 'S2', '', 'S1', 'S4'])).toEqual({ indexes: [0, 0, 1, 2, 2, 1, -1, 0, 3], dict: ['S1', 'S2', 'S3', 'S4'] });
    expect(interned(['S9', 'S8', 'S8', 'S7', 'S9', null, 'S6', 'S8'])).toEqual({ indexes: [0, 1, 1, 2, 0, -1, 3, 1], dict: ['S9', 'S8', 'S7', 'S6'] });
    // Out of order: 'S2' between 'S1' and 'S3' is new, and so is the next one past the end.
    expect(interned(['S1', 'S3', 'S2', 'S4', 'S3', 'S2', 'S1'])).toEqual({ indexes: [0, 1, 2, 3, 1, 2, 0], dict: ['S1', 'S3', 'S2', 'S4'] });
    // Alternating texts, each repeat one step back.
    expect(interned(['A', 'B', 'A', 'B', 'C', 'A', '', 'C'])).toEqual({ indexes: [0, 1, 0, 1, 2, 0, -1, 2], dict: ['A', 'B', 'C'] });
    // Compared by code unit as a Map tells texts apart: '10' sorts before '9', '' and ' ' differ.
    expect(interned(['9', '10', '9', ' ', '10'])).toEqual({ indexes: [0, 1, 0, 2, 1], dict: ['9', '10', ' '] });
  });

  it('agrees with a Map on long runs: an export in order, one newest first, a file joined to itself, shuffled repeats', () => {
    const orders = Array.from({ length: 30_000 }, (_, i) => `XP${String(Math.floor(i / 2)).padStart(8, '0')}`);
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const runs = [
      orders,
      [...orders].reverse(),
      [...orders, ...orders], // 15,000 texts found again: past 10,000 searches the Map is built
      orders.map((o, i) => (i % 5 === 0 ? '' : o)),
      [...orders.slice(0, 20_000), 'XP00000003', 'XP00000003x', ...orders.slice(20_000)], // found again late, then one new out of order
      Array.from({ length: 20_000 }, () => `M${Math.floor(rnd() * 800)}`),
    ];
    for (const values of runs) expect(interned(values)).toEqual(reference(values));
  });

  it('looks up without adding, and takes over a dictionary built before, sorted or not', () => {
    for (const dict of [['A1', 'A2', 'A5'], ['A5', 'A2', 'A1'], ['A2', 'A5', 'A1'], ['A1'], []]) {
      const into = new Interner(dict.slice());
      expect(['A1', 'A2', 'A5', 'A3', 'A0', 'A9', ''].map((v) => into.indexOf(v))).toEqual(['A1', 'A2', 'A5', 'A3', 'A0', 'A9', ''].map((v) => dict.indexOf(v)));
      expect(into.dict).toEqual(dict);
      const more = ['A3', 'A1', 'A0', 'A3', 'A9'];
      const expected = reference([...dict, ...more]);
      expect(more.map((v) => into.intern(v))).toEqual(expected.indexes.slice(dict.length));
      expect(into.dict).toEqual(expected.dict);
    }
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
