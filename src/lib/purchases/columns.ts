/**
 * Purchase lines as columns: typed arrays for numbers and dates, dictionary-encoded strings.
 * One record per line is far too slow in IndexedDB (≈4k rows/s measured here); packed columns
 * write at ≈250k rows/s and move to a worker by transfer instead of structured clone.
 */

/** Bits of `flags`: why a line is kept out of analyses (chosen at import, domain.md §2). */
export const LineFlag = {
  cancellation: 1,
  returned: 2,
  nonPositivePrice: 4,
  noCustomer: 8,
  nonProduct: 16,
  /** Dated after the day of the import (a typo in the year, a clock set wrong). */
  futureDate: 32,
  /** Exactly the same row as an earlier one of the same file. */
  repeated: 64,
  excluded: 128,
} as const;

/** The marks a line can carry (the import's cleaning classes), without the `excluded` bit itself. */
/**
 * A purchase (the one 口径, lib/metrics): a line kept at import, not a return, with an amount above
 * ¥0 (a ¥0 gift is no purchase). Last purchase, orders, the tier review, dormancy and the monthly
 * churn and repeat rates all count purchases by it, so their days agree.
 */
export const isPurchase = (flags: number, amount: number): boolean => !(flags & (LineFlag.excluded | LineFlag.returned)) && amount > 0;

export type LineMark = Exclude<keyof typeof LineFlag, 'excluded'>;
export const lineMarks = (Object.keys(LineFlag) as (keyof typeof LineFlag)[]).filter((k): k is LineMark => k !== 'excluded');

export interface PurchaseColumns {
  length: number;
  /** Calendar date as a day number (see lib/dates). */
  day: Int32Array;
  /** Registered customer's id; 0 = none (walk-in or not yet in the file). */
  customerId: Int32Array;
  /** Line amount in fen; negative for returns. */
  amount: Float64Array;
  quantity: Float64Array;
  /** Points the line earned as the source recorded them; NaN = not given. */
  points: Float64Array;
  flags: Uint8Array;
  /** Indexes into the dictionaries below; -1 = none. */
  orderNo: Int32Array;
  itemNo: Int32Array;
  /** The customer reference as written in the source (id, card or phone), for lines with no match. */
  customerRef: Int32Array;
  orderDict: string[];
  itemDict: string[];
  customerRefDict: string[];
}

export interface PurchaseLine {
  day: number;
  customerId: number;
  amount: number;
  quantity: number;
  points?: number;
  flags?: number;
  orderNo?: string;
  itemNo?: string;
  customerRef?: string;
}

const numericColumns = ['day', 'customerId', 'amount', 'quantity', 'points', 'flags', 'orderNo', 'itemNo', 'customerRef'] as const;
type NumericColumn = (typeof numericColumns)[number];

/** Zeroed columns for `length` lines with empty dictionaries, to fill in place. */
export function emptyColumns(length: number): PurchaseColumns {
  return {
    length,
    day: new Int32Array(length),
    customerId: new Int32Array(length),
    amount: new Float64Array(length),
    quantity: new Float64Array(length),
    points: new Float64Array(length),
    flags: new Uint8Array(length),
    orderNo: new Int32Array(length),
    itemNo: new Int32Array(length),
    customerRef: new Int32Array(length),
    orderDict: [],
    itemDict: [],
    customerRefDict: [],
  };
}

/**
 * Interns strings into a dictionary: each distinct string gets one index (-1: none), in the order
 * first met. POS exports list order numbers in order (ascending, or newest first): while every new
 * string is past the last one in one direction the dictionary is sorted, and a string is found by
 * a compare with its end (or a binary search) instead of a Map of half a million keys, the costliest
 * step of converting a large file. The first string met out of order builds the Map, and it is used
 * from then on; so does a sorted dictionary searched often (a Map lookup is cheaper than a search).
 */
export class Interner {
  /** 1: ascending, -1: descending, 0: not known yet (fewer than two strings). */
  private direction = 0;
  private index: Map<string, number> | null = null;
  private searches = 0;
  // The last answer apart: an order's lines follow each other, and a compare costs less than a lookup.
  private last: string | undefined;
  private lastAt = -1;

  constructor(readonly dict: string[] = []) {
    for (let i = 1; i < dict.length && !this.index; i++) if (!this.follows(dict[i]!, dict[i - 1]!)) this.mapAll();
  }

  /** The index of `value`, added to the dictionary when new. */
  intern(value: string | null | undefined): number {
    if (value === undefined || value === null || value === '') return -1;
    if (value === this.last) return this.lastAt;
    let i = this.find(value);
    if (i < 0) {
      // Past the end of a sorted dictionary, it stays sorted; anywhere else it no longer is.
      if (i === -1 && !this.index) this.mapAll();
      i = this.dict.length;
      this.index?.set(value, i);
      this.dict.push(value);
    }
    this.last = value;
    this.lastAt = i;
    return i;
  }

  /** The index of `value` in the dictionary, or -1; nothing is added. */
  indexOf(value: string): number {
    return Math.max(-1, this.find(value));
  }

  /** The index of `value`, or -2 when it is not there and comes past the end of a sorted dictionary, else -1. */
  private find(value: string): number {
    if (this.index) return this.index.get(value) ?? -1;
    const dict = this.dict;
    const n = dict.length;
    if (n === 0) return -2;
    const end = dict[n - 1]!;
    if (value === end) return n - 1;
    if (this.follows(value, end)) return -2;
    if (++this.searches > 10_000) {
      this.mapAll();
      return this.index!.get(value) ?? -1;
    }
    // Sorted (in `direction`): a binary search.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = dict[mid]!;
      if (at === value) return mid;
      if (this.follows(value, at)) lo = mid + 1;
      else hi = mid;
    }
    return dict[lo] === value ? lo : -1;
  }

  /** Whether `value` comes after `before` in the sorted dictionary's order (the second string sets it). */
  private follows(value: string, before: string): boolean {
    if (this.direction === 0 && value !== before) this.direction = value > before ? 1 : -1;
    return this.direction > 0 ? value > before : value < before;
  }

  private mapAll() {
    const index = new Map<string, number>();
    for (let i = 0; i < this.dict.length; i++) index.set(this.dict[i]!, i);
    this.index = index;
  }
}

/** An interner's `intern` as a function (one string at a time: packing lines, tests). */
export function interner(dict: string[]): (value: string | null | undefined) => number {
  const into = new Interner(dict);
  return (value) => into.intern(value);
}

/** Packs line objects into columns (small inputs: tests, the demo store, hand entry). */
export function packLines(lines: readonly PurchaseLine[]): PurchaseColumns {
  const c = emptyColumns(lines.length);
  const order = interner(c.orderDict);
  const item = interner(c.itemDict);
  const ref = interner(c.customerRefDict);
  lines.forEach((line, i) => {
    c.day[i] = line.day;
    c.customerId[i] = line.customerId;
    c.amount[i] = line.amount;
    c.quantity[i] = line.quantity;
    c.points[i] = line.points ?? Number.NaN;
    c.flags[i] = line.flags ?? 0;
    c.orderNo[i] = order(line.orderNo);
    c.itemNo[i] = item(line.itemNo);
    c.customerRef[i] = ref(line.customerRef);
  });
  return c;
}

export function lineAt(c: PurchaseColumns, i: number): PurchaseLine {
  const line: PurchaseLine = { day: c.day[i]!, customerId: c.customerId[i]!, amount: c.amount[i]!, quantity: c.quantity[i]! };
  const points = c.points[i]!;
  if (!Number.isNaN(points)) line.points = points;
  if (c.flags[i]) line.flags = c.flags[i]!;
  const o = c.orderNo[i]!;
  const it = c.itemNo[i]!;
  const r = c.customerRef[i]!;
  if (o >= 0) line.orderNo = c.orderDict[o]!;
  if (it >= 0) line.itemNo = c.itemDict[it]!;
  if (r >= 0) line.customerRef = c.customerRefDict[r]!;
  return line;
}

/**
 * Cuts columns into pieces of at most `size` lines, each with its own compact dictionaries,
 * so every stored chunk stands alone (a chunk can be read, moved or dropped by itself).
 * `orderNumbers`, when given, gets per piece the index in `c.orderDict` of each entry of the
 * piece's order dictionary.
 */
export function splitColumns(c: PurchaseColumns, size: number, orderNumbers?: Int32Array[]): PurchaseColumns[] {
  const pieces: PurchaseColumns[] = [];
  const remaps = [c.orderDict, c.itemDict, c.customerRefDict].map((d) => new Int32Array(d.length).fill(-1)) as [Int32Array, Int32Array, Int32Array];
  for (let start = 0; start < c.length; start += size) {
    const end = Math.min(start + size, c.length);
    const p = emptyColumns(end - start);
    for (const name of numericColumns) {
      if (name === 'orderNo' || name === 'itemNo' || name === 'customerRef') continue;
      (p[name] as Int32Array).set((c[name] as Int32Array).subarray(start, end));
    }
    const orders = reencode(c.orderNo, c.orderDict, p.orderNo, p.orderDict, start, end, remaps[0]);
    orderNumbers?.push(Int32Array.from(orders));
    reencode(c.itemNo, c.itemDict, p.itemNo, p.itemDict, start, end, remaps[1]);
    reencode(c.customerRef, c.customerRefDict, p.customerRef, p.customerRefDict, start, end, remaps[2]);
    pieces.push(p);
  }
  return pieces;
}

/**
 * Copies dictionary indexes into a piece with its own small dictionary. `remap` (one slot per
 * source entry, -1 = not yet in this piece) is reused across pieces and reset after each.
 */
function reencode(src: Int32Array, srcDict: string[], dst: Int32Array, dstDict: string[], start: number, end: number, remap: Int32Array): number[] {
  const used: number[] = [];
  for (let i = start; i < end; i++) {
    const s = src[i]!;
    if (s < 0) {
      dst[i - start] = -1;
      continue;
    }
    let d = remap[s]!;
    if (d < 0) {
      d = dstDict.length;
      dstDict.push(srcDict[s]!);
      remap[s] = d;
      used.push(s);
    }
    dst[i - start] = d;
  }
  for (const s of used) remap[s] = -1;
  return used;
}

/** Figures kept beside each stored chunk so counts need no full read of the lines. */
export interface ColumnsSummary {
  /** Every stored line, excluded ones included. */
  lines: number;
  orders: number;
  /** Sum of amounts, fen, of lines not flagged excluded. */
  amount: number;
  firstDay: number | null;
  lastDay: number | null;
  /** Lines not excluded whose customer is not on file. */
  linesWithoutCustomer: number;
  /** Lines excluded at import: stored, but left out of every figure above but `lines`. */
  excluded: number;
  /** Excluded lines per mark they carry; a line may carry several (a cancelled walk-in sale). */
  excludedByMark: Record<LineMark, number>;
}

/** A summary as stored: those stored before excluded lines were counted lack the counts (data/purchases.ts recounts them). */
export type StoredSummary = Omit<ColumnsSummary, 'excluded' | 'excludedByMark'> & Partial<Pick<ColumnsSummary, 'excluded' | 'excludedByMark'>>;

const noMarks = (): Record<LineMark, number> => Object.fromEntries(lineMarks.map((m) => [m, 0])) as Record<LineMark, number>;

export function summariseColumns(c: PurchaseColumns): ColumnsSummary {
  let amount = 0;
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  let withoutCustomer = 0;
  let excluded = 0;
  const excludedByMark = noMarks();
  // Orders counted once each: a flag per dictionary entry (a Set of half a million numbers costs far more).
  const orderSeen = new Uint8Array(c.orderDict.length);
  let orders = 0;
  const beyond = new Set<number>(); // an index past the dictionary (inconsistent columns) still counts once
  for (let i = 0; i < c.length; i++) {
    const flags = c.flags[i]!;
    if (flags & LineFlag.excluded) {
      excluded++;
      for (const m of lineMarks) if (flags & LineFlag[m]) excludedByMark[m]++;
      continue;
    }
    amount += c.amount[i]!;
    const d = c.day[i]!;
    if (firstDay === null || d < firstDay) firstDay = d;
    if (lastDay === null || d > lastDay) lastDay = d;
    if (c.customerId[i] === 0) withoutCustomer++;
    const o = c.orderNo[i]!;
    if (o < 0) continue;
    if (o >= orderSeen.length) beyond.add(o);
    else if (!orderSeen[o]) {
      orderSeen[o] = 1;
      orders++;
    }
  }
  return { lines: c.length, orders: orders + beyond.size, amount, firstDay, lastDay, linesWithoutCustomer: withoutCustomer, excluded, excludedByMark };
}

export function combineSummaries(list: readonly ColumnsSummary[]): ColumnsSummary {
  const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  return list.reduce<ColumnsSummary>(
    (acc, s) => ({
      lines: acc.lines + s.lines,
      orders: acc.orders + s.orders,
      amount: acc.amount + s.amount,
      firstDay: min(acc.firstDay, s.firstDay),
      lastDay: max(acc.lastDay, s.lastDay),
      linesWithoutCustomer: acc.linesWithoutCustomer + s.linesWithoutCustomer,
      excluded: acc.excluded + s.excluded,
      excludedByMark: Object.fromEntries(lineMarks.map((m) => [m, acc.excludedByMark[m] + s.excludedByMark[m]])) as Record<LineMark, number>,
    }),
    { lines: 0, orders: 0, amount: 0, firstDay: null, lastDay: null, linesWithoutCustomer: 0, excluded: 0, excludedByMark: noMarks() },
  );
}

/** True when every column has `length` entries and every dictionary index is in range. */
export function columnsAreConsistent(c: PurchaseColumns): boolean {
  if (!Number.isInteger(c.length) || c.length < 0) return false;
  const typed: [NumericColumn, new (n: number) => ArrayBufferView][] = [
    ['day', Int32Array],
    ['customerId', Int32Array],
    ['amount', Float64Array],
    ['quantity', Float64Array],
    ['points', Float64Array],
    ['flags', Uint8Array],
    ['orderNo', Int32Array],
    ['itemNo', Int32Array],
    ['customerRef', Int32Array],
  ];
  for (const [name, kind] of typed) {
    const column = c[name] as unknown;
    if (!(column instanceof kind) || (column as Int32Array).length !== c.length) return false;
  }
  const dicts: [Int32Array, unknown][] = [
    [c.orderNo, c.orderDict],
    [c.itemNo, c.itemDict],
    [c.customerRef, c.customerRefDict],
  ];
  for (const [indexes, dict] of dicts) {
    if (!Array.isArray(dict) || !dict.every((s) => typeof s === 'string')) return false;
    for (const i of indexes) if (i < -1 || i >= dict.length) return false;
  }
  return true;
}

/** Lines per stored chunk: big enough to write fast, small enough to read one at a time. */
export const CHUNK_LINES = 10_000;

/** A batch of lines ready to store: its chunks, its totals and its line keys. */
export interface PackedBatch {
  pieces: PurchaseColumns[];
  summary: ColumnsSummary;
  keys: Float64Array;
  /**
   * Per piece, each entry of its order dictionary numbered in the batch's one dictionary (its
   * texts distinct: lib/import interns them): the same order no. has the same number in every
   * piece. The engine numbers a first import's orders by them without reading an order text.
   */
  orderNumbers?: Int32Array[];
}
