/** What each customer bought, from the packed lines: first and last purchase, orders, spend, points. */
import { isPurchase, LineFlag, type PurchaseColumns } from '../purchases/columns';
import { CustomerSlots, OrderIndex, widen } from '../purchases/order-index';
import { OrderPairs } from '../purchases/order-pairs';

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
  /**
   * What the tier rules count (lib/tiers/from-lines), gathered in the same pass: distinct orders
   * with a purchase line (amount > 0), the day of the last such line (NO_DAY when none), and the
   * spend on lines without imported points (from which points per yuan are worked out).
   */
  purchaseOrders: Int32Array;
  lastPurchaseDay: Int32Array;
  amountWithoutPoints: Float64Array;
}

export interface StatsOptions {
  /** Count only lines dated on or after it (a period's first day). */
  fromDay?: number;
  /** Also count distinct visit days per customer. */
  visitDays?: boolean;
}

/**
 * Lines flagged excluded are left out; lines without a filed customer (id 0) too.
 * Orders are counted exactly but without a set per customer: each order no. has a global number
 * (OrderIndex, shared by every count over the same lines) and remembers the customer it was
 * counted for; only an order no. that comes back under another customer needs a set of pairs.
 * Chunks are added one at a time, so stats can grow while the lines are still being read.
 * `beforeDay`: count only lines dated before it (the store as it stood on an earlier date).
 */
export function statsAccumulator(beforeDay = Infinity, options: StatsOptions = {}, orderIndex = new OrderIndex()) {
  const fromDay = options.fromDay ?? -Infinity;
  const countVisits = options.visitDays === true;
  const slots = new CustomerSlots();
  // Per customer slot, grown with the slots.
  let first = new Int32Array(slots.ids.length);
  let last = new Int32Array(slots.ids.length);
  let orders = new Int32Array(slots.ids.length);
  let amount = new Float64Array(slots.ids.length);
  let points = new Float64Array(slots.ids.length);
  let returned = new Float64Array(slots.ids.length);
  let visits = new Int32Array(slots.ids.length);
  let lastVisit = new Int32Array(slots.ids.length).fill(NO_DAY);
  let purchaseOrders = new Int32Array(slots.ids.length);
  let lastPurchase = new Int32Array(slots.ids.length).fill(NO_DAY);
  let withoutPoints = new Float64Array(slots.ids.length);
  const grow = (n: number) => {
    first = widen(first, n);
    last = widen(last, n);
    orders = widen(orders, n);
    amount = widen(amount, n);
    points = widen(points, n);
    returned = widen(returned, n);
    visits = widen(visits, n);
    lastVisit = widen(lastVisit, n, NO_DAY);
    purchaseOrders = widen(purchaseOrders, n);
    lastPurchase = widen(lastPurchase, n, NO_DAY);
    withoutPoints = widen(withoutPoints, n);
  };
  // (customer, day) pairs already counted; a day number fits in 2^20 either side of 1970.
  const visited = new Set<number>();
  // An order's customers: the first two by slot per global order no. (most orders name one, a till
  // export may name two), a third or later as (order, slot) pairs in a set, which is slow per pair.
  const orderSeen = new OrderPairs();
  // The same over purchase lines only.
  const purchaseSeen = new OrderPairs();
  return {
    add(c: PurchaseColumns) {
      const global = orderIndex.of(c);
      orderSeen.fit(orderIndex.size);
      purchaseSeen.fit(orderIndex.size);
      for (let i = 0; i < c.length; i++) {
        const id = c.customerId[i]!;
        const flags = c.flags[i]!;
        const day = c.day[i]!;
        if (id === 0 || flags & LineFlag.excluded || day >= beforeDay || day < fromDay) continue;
        let k = slots.find(id);
        if (k < 0) {
          k = slots.slot(id, grow);
          first[k] = day;
          last[k] = day;
        }
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
        if (p === p) points[k]! += p; // not NaN
        else withoutPoints[k]! += c.amount[i]!;
        const o = c.orderNo[i]!;
        const purchase = isPurchase(flags, c.amount[i]!);
        if (purchase && day > lastPurchase[k]!) lastPurchase[k] = day;
        if (o < 0) {
          orders[k]!++;
          if (purchase) purchaseOrders[k]!++;
          continue;
        }
        const g = global[o]!;
        if (purchase && purchaseSeen.first(g, k)) purchaseOrders[k]!++;
        if (orderSeen.first(g, k)) orders[k]!++;
      }
    },
    result(): CustomerStats {
      const n = slots.count;
      // Slots in id order: the arrays come out aligned with ascending ids.
      const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => slots.ids[a]! - slots.ids[b]!);
      const pick = <T extends Int32Array | Float64Array>(from: T): T => {
        const out = new (from.constructor as new (n: number) => T)(n);
        for (let j = 0; j < n; j++) out[j] = from[order[j]!]!;
        return out;
      };
      return {
        ids: pick(slots.ids),
        firstDay: pick(first),
        lastDay: pick(last),
        orders: pick(orders),
        amount: pick(amount),
        points: pick(points),
        returned: pick(returned),
        purchaseOrders: pick(purchaseOrders),
        lastPurchaseDay: pick(lastPurchase),
        amountWithoutPoints: pick(withoutPoints),
        ...(countVisits ? { visitDays: pick(visits) } : {}),
      };
    },
  };
}

/** A day no line has: marks "no visit seen yet". */
export const NO_DAY = -2_147_483_648;

export function customerStats(chunks: readonly PurchaseColumns[], beforeDay = Infinity, options: StatsOptions = {}, orderIndex = new OrderIndex()): CustomerStats {
  const acc = statsAccumulator(beforeDay, options, orderIndex);
  for (const c of chunks) acc.add(c);
  return acc.result();
}

/**
 * The customer's last purchase day (isPurchase: a return or a ¥0 line is none), or null when they
 * never bought: what 最近购买, the dormancy statuses and the tier review all count from.
 */
export function lastPurchaseOf(stats: CustomerStats, k: number): number | null {
  const d = k < 0 ? NO_DAY : stats.lastPurchaseDay[k]!;
  return d === NO_DAY ? null : d;
}

/** lastPurchaseOf for every customer in stats, aligned with `stats.ids`. */
export const lastPurchaseDays = (stats: CustomerStats): (number | null)[] => Array.from(stats.ids, (_, k) => lastPurchaseOf(stats, k));

/** [customer id, last purchase day] for every customer who bought (the care calendar's dormancy warnings). */
export function lastPurchasePairs(stats: CustomerStats): [number, number][] {
  const out: [number, number][] = [];
  stats.ids.forEach((id, k) => {
    const d = lastPurchaseOf(stats, k);
    if (d !== null) out.push([id, d]);
  });
  return out;
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
