/**
 * The per-customer transaction summary the BG/NBD and Gamma-Gamma models read, built the way the
 * standard libraries (`lifetimes`, `BTYD`) build it from a transaction list:
 * - purchases on the same calendar day merge into one (a day with several tills is one visit);
 * - frequency x = purchase days − 1 (repeat purchase days);
 * - recency tx = last − first purchase day; age T = end of observation − first purchase day;
 *   both in the chosen time unit (a month is 30.4375 days, the mean Gregorian month);
 * - monetary = mean spend of the repeat days (the first day left out), 0 without repeats.
 * A transaction is any line kept at import with a filed customer and an amount ≥ 0, on or before
 * the end day: a zero-amount line the user chose to keep counts, as every row does in lifetimes
 * (CDNOW has $0 lines; its published summary counts them). A repeat day of ¥0 then enters the
 * mean spend as 0, as in lifetimes; Gamma-Gamma fits only customers whose mean is positive
 * (gammagamma.ts). Returns (< 0) are not purchases.
 */
import { LineFlag, type PurchaseColumns } from '../purchases/columns';

export const timeUnits = { day: 1, week: 7, month: 30.4375 } as const;
export type TimeUnit = keyof typeof timeUnits;

export interface TransactionSummary {
  unit: TimeUnit;
  /** Last day counted (end of observation). */
  endDay: number;
  /** Customer ids, ascending; the other columns are aligned with it. */
  ids: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean spend of a repeat purchase day, fen (0 without repeats). */
  monetary: Float64Array;
  /** All purchase days' spend, fen. */
  total: Float64Array;
}

/** The day of the last line that counts as a transaction, or null when there is none. */
export function lastPurchaseDay(chunks: readonly PurchaseColumns[]): number | null {
  let last: number | null = null;
  for (const c of chunks)
    for (let i = 0; i < c.length; i++) {
      if (!countsAsTransaction(c, i)) continue;
      if (last === null || c.day[i]! > last) last = c.day[i]!;
    }
  return last;
}

/** End of observation when the user names none: the day after the last transaction (as the RFM analysis date). */
export function defaultEndDay(chunks: readonly PurchaseColumns[]): number | null {
  const last = lastPurchaseDay(chunks);
  return last === null ? null : last + 1;
}

function countsAsTransaction(c: PurchaseColumns, i: number): boolean {
  return c.customerId[i] !== 0 && (c.flags[i]! & LineFlag.excluded) === 0 && c.amount[i]! >= 0;
}

/** Customer id → position: a flat array when ids are small (the usual case), else a Map. */
function customerIndex(chunks: readonly PurchaseColumns[]) {
  let max = 0;
  for (const c of chunks) for (let i = 0; i < c.length; i++) if (c.customerId[i]! > max) max = c.customerId[i]!;
  if (max < 16_777_216) {
    const flat = new Int32Array(max + 1).fill(-1);
    const ids: number[] = [];
    return {
      get: (id: number): number | undefined => (flat[id]! < 0 ? undefined : flat[id]),
      set: (id: number, k: number) => {
        flat[id] = k;
        ids.push(id);
      },
      keys: () => ids,
    };
  }
  const map = new Map<number, number>();
  return { get: (id: number) => map.get(id), set: (id: number, k: number) => void map.set(id, k), keys: () => [...map.keys()] };
}

export function transactionSummary(chunks: readonly PurchaseColumns[], endDay: number, unit: TimeUnit): TransactionSummary {
  const index = customerIndex(chunks);
  const first: number[] = [];
  const last: number[] = [];
  const total: number[] = [];
  const count: number[] = [];
  // Pass 1: per customer first/last day, spend and number of lines.
  for (const c of chunks)
    for (let i = 0; i < c.length; i++) {
      if (!countsAsTransaction(c, i) || c.day[i]! > endDay) continue;
      const id = c.customerId[i]!;
      const day = c.day[i]!;
      let k = index.get(id);
      if (k === undefined) {
        k = first.length;
        index.set(id, k);
        first.push(day);
        last.push(day);
        total.push(0);
        count.push(0);
      }
      if (day < first[k]!) first[k] = day;
      if (day > last[k]!) last[k] = day;
      total[k]! += c.amount[i]!;
      count[k]!++;
    }
  // Pass 2: each customer's line days side by side (to count distinct days) and first-day spend.
  const n = first.length;
  const offset = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) offset[k + 1] = offset[k]! + count[k]!;
  const days = new Int32Array(offset[n]!);
  const fill = offset.slice(0, n);
  const firstSpend = new Float64Array(n);
  for (const c of chunks)
    for (let i = 0; i < c.length; i++) {
      if (!countsAsTransaction(c, i) || c.day[i]! > endDay) continue;
      const k = index.get(c.customerId[i]!)!;
      days[fill[k]!++] = c.day[i]!;
      if (c.day[i] === first[k]) firstSpend[k]! += c.amount[i]!;
    }
  const distinct = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const from = offset[k]!;
    const to = offset[k + 1]!;
    // Most customers have a handful of lines: an insertion sort beats a typed-array sort call.
    if (to - from > 32) days.subarray(from, to).sort();
    else
      for (let j = from + 1; j < to; j++) {
        const v = days[j]!;
        let h = j - 1;
        while (h >= from && days[h]! > v) days[h + 1] = days[h--]!;
        days[h + 1] = v;
      }
    let d = 0;
    for (let j = from; j < to; j++) if (j === from || days[j] !== days[j - 1]) d++;
    distinct[k] = d;
  }
  const ids = Int32Array.from(index.keys()).sort();
  const at = Int32Array.from(ids, (id) => index.get(id)!);
  const size = timeUnits[unit];
  const x = Float64Array.from(at, (k) => distinct[k]! - 1);
  return {
    unit,
    endDay,
    ids,
    firstDay: Int32Array.from(at, (k) => first[k]!),
    lastDay: Int32Array.from(at, (k) => last[k]!),
    x,
    tx: Float64Array.from(at, (k) => (last[k]! - first[k]!) / size),
    T: Float64Array.from(at, (k) => (endDay - first[k]!) / size),
    monetary: Float64Array.from(at, (k, j) => (x[j]! > 0 ? (total[k]! - firstSpend[k]!) / x[j]! : 0)),
    total: Float64Array.from(at, (k) => total[k]!),
  };
}
