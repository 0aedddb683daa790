/** What each customer bought, from the packed lines: first and last purchase, orders, spend, points. */
import { LineFlag, type PurchaseColumns } from '../purchases/columns';

export interface CustomerStats {
  /** Customer ids, ascending; the other arrays are aligned with it. */
  ids: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Distinct order numbers (a line without one counts as its own order). */
  orders: Int32Array;
  /** Net spend in fen (returns deducted). */
  amount: Float64Array;
  points: Float64Array;
  /** Sum of the lines flagged returned, fen (≤ 0 as stored): amount − returned is spend before returns. */
  returned: Float64Array;
  /** Distinct days with a line; only when asked for (`visitDays: true`), as it costs a set of (customer, day) pairs. */
  visitDays?: Int32Array;
}

export interface StatsOptions {
  /** Count only lines dated on or after it (a period's first day). */
  fromDay?: number;
  /** Also count distinct visit days per customer. */
  visitDays?: boolean;
}

/**
 * Lines flagged excluded are left out; lines without a filed customer (id 0) too.
 * Orders are counted exactly but without a set per customer: each order no. gets a global number
 * (once per chunk dictionary entry) and remembers the customer it was counted for; only an order
 * no. that comes back under another customer (numbering restarted) needs a set of pairs.
 * Chunks are added one at a time, so stats can grow while the lines are still being read.
 */
/** `beforeDay`: count only lines dated before it (the store as it stood on an earlier date). */
export function statsAccumulator(beforeDay = Infinity, options: StatsOptions = {}) {
  const fromDay = options.fromDay ?? -Infinity;
  const countVisits = options.visitDays === true;
  const index = new Map<number, number>();
  const first: number[] = [];
  const last: number[] = [];
  const amount: number[] = [];
  const points: number[] = [];
  const orders: number[] = [];
  const returned: number[] = [];
  const visits: number[] = [];
  const lastVisit: number[] = [];
  // (customer, day) pairs already counted; a day number fits in 2^20 either side of 1970.
  const visited = new Set<number>();
  const globalOrder = new Map<string, number>();
  let owner = new Int32Array(1024).fill(-1);
  const shared = new Set<number>();
  return {
    add(c: PurchaseColumns) {
      if (owner.length < globalOrder.size + c.orderDict.length) {
        const grown = new Int32Array(Math.max(owner.length * 2, globalOrder.size + c.orderDict.length)).fill(-1);
        grown.set(owner);
        owner = grown;
      }
      const local = new Int32Array(c.orderDict.length).fill(-1);
      for (let i = 0; i < c.length; i++) {
        const id = c.customerId[i]!;
        const flags = c.flags[i]!;
        if (id === 0 || flags & LineFlag.excluded || c.day[i]! >= beforeDay || c.day[i]! < fromDay) continue;
        let k = index.get(id);
        if (k === undefined) {
          k = first.length;
          index.set(id, k);
          first.push(c.day[i]!);
          last.push(c.day[i]!);
          amount.push(0);
          points.push(0);
          orders.push(0);
          returned.push(0);
          visits.push(0);
          lastVisit.push(Number.NaN);
        }
        const day = c.day[i]!;
        if (flags & LineFlag.returned) returned[k]! += c.amount[i]!;
        // An order's lines usually come together on one day: the last day seen skips most lookups.
        if (countVisits && lastVisit[k] !== day) {
          lastVisit[k] = day;
          const pair = k * 2_097_152 + (day + 1_048_576);
          if (!visited.has(pair)) {
            visited.add(pair);
            visits[k]!++;
          }
        }
        if (day < first[k]!) first[k] = day;
        if (day > last[k]!) last[k] = day;
        amount[k]! += c.amount[i]!;
        const p = c.points[i]!;
        if (!Number.isNaN(p)) points[k]! += p;
        const o = c.orderNo[i]!;
        if (o < 0) {
          orders[k]!++; // a line without an order no. is an order by itself
          continue;
        }
        let g = local[o]!;
        if (g < 0) {
          const text = c.orderDict[o]!;
          g = globalOrder.get(text) ?? globalOrder.set(text, globalOrder.size).size - 1;
          local[o] = g;
        }
        if (owner[g] === -1) {
          owner[g] = k;
          orders[k]!++;
        } else if (owner[g] !== k) {
          // 2^24 customers × 2^29 orders stay within a double's exact integers.
          const pair = g * 16_777_216 + k;
          if (!shared.has(pair)) {
            shared.add(pair);
            orders[k]!++;
          }
        }
      }
    },
    result(): CustomerStats {
      const ids = Int32Array.from(index.keys()).sort();
      const at = (id: number) => index.get(id)!;
      return {
        ids,
        firstDay: Int32Array.from(ids, (id) => first[at(id)]!),
        lastDay: Int32Array.from(ids, (id) => last[at(id)]!),
        orders: Int32Array.from(ids, (id) => orders[at(id)]!),
        amount: Float64Array.from(ids, (id) => amount[at(id)]!),
        points: Float64Array.from(ids, (id) => points[at(id)]!),
        returned: Float64Array.from(ids, (id) => returned[at(id)]!),
        ...(countVisits ? { visitDays: Int32Array.from(ids, (id) => visits[at(id)]!) } : {}),
      };
    },
  };
}

export function customerStats(chunks: readonly PurchaseColumns[], beforeDay = Infinity, options: StatsOptions = {}): CustomerStats {
  const acc = statsAccumulator(beforeDay, options);
  for (const c of chunks) acc.add(c);
  return acc.result();
}

/** Position of a customer in `stats.ids`, or -1 (binary search: ids are sorted). */
export function statsIndex(stats: CustomerStats, id: number): number {
  let lo = 0;
  let hi = stats.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = stats.ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
