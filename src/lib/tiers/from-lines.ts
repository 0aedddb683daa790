/**
 * What the tier rules need per customer on a review day, from the packed purchase lines the analysis
 * worker holds. Pure: runs in the worker, a bench or a test as is.
 */
import { isPurchase, LineFlag, type PurchaseColumns } from '../purchases/columns';
import { CustomerSlots, OrderIndex, widen } from '../purchases/order-index';
import { statsIndex, type CustomerStats } from '../customers/stats';
import { reviewCustomer, reviewTiers, type ReviewCustomer, type ReviewResult, type TierState } from './review';
import { assignTierWithRule, pointsFor, type TierParams } from './rules';

export interface TierFacts {
  id: number;
  points: number;
  /** Distinct orders with a purchase line on or before the review day. */
  ordersTotal: number;
  /** Of those, orders with a purchase line in the recent window (countRecentOrders' window). */
  ordersRecent: number;
  /** Day of the last purchase line on or before the review day. */
  lastDay: number;
}

/** A customer index below this fits beside an order number in one exact double key. */
const CUSTOMER_SLOTS = 16_777_216;

/**
 * Per customer who bought by `reviewDay` (lines after it had not happened yet on that day):
 * - a purchase is a kept line with a positive amount; a return (negative) lowers the points but is
 *   neither a purchase nor an order, and a zero line (a gift) is neither;
 * - orders are distinct order nos. per customer (a line without one is an order by itself), so five
 *   items in one sale are one purchase, not five;
 * - points: imported points where the lines carry them (returns carry negative ones), plus
 *   floor(net yuan × points per yuan) over the lines that carry none, as pointsFor rounds it.
 * Lines excluded at import and lines without a filed customer are left out. Sorted by id.
 */
export function tierFacts(chunks: readonly PurchaseColumns[], reviewDay: number, params: TierParams, orderIndex = new OrderIndex()): TierFacts[] {
  const slots = new CustomerSlots();
  let imported = new Float64Array(slots.ids.length);
  let fenWithoutPoints = new Float64Array(slots.ids.length);
  let total = new Int32Array(slots.ids.length);
  let recent = new Int32Array(slots.ids.length);
  let last = new Float64Array(slots.ids.length).fill(-Infinity);
  const grow = (n: number) => {
    imported = widen(imported, n);
    fenWithoutPoints = widen(fenWithoutPoints, n);
    total = widen(total, n);
    recent = widen(recent, n);
    last = widen(last, n, -Infinity);
  };
  // Orders are counted as lib/customers/stats counts them, without a set per line: each order no.
  // has a global number and remembers the customer it was first counted for (and whether in the
  // window); only an order no. that comes back under another customer needs a set of pairs.
  let owner = new Int32Array(1024).fill(-1);
  let ownerRecent = new Uint8Array(1024);
  const sharedTotal = new Set<number>();
  const sharedRecent = new Set<number>();
  const windowStart = reviewDay - params.recentDays;
  for (const c of chunks) {
    const global = orderIndex.of(c);
    if (owner.length < orderIndex.size) {
      const size = Math.max(owner.length * 2, orderIndex.size);
      owner = widen(owner, size, -1);
      ownerRecent = widen(ownerRecent, size);
    }
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      const day = c.day[i]!;
      if (id === 0 || c.flags[i]! & LineFlag.excluded || day > reviewDay) continue;
      const k = slots.slot(id, grow);
      const amount = c.amount[i]!;
      const p = c.points[i]!;
      if (p !== p) fenWithoutPoints[k]! += amount; // NaN: no imported points
      else imported[k]! += p;
      if (!isPurchase(c.flags[i]!, amount)) continue;
      if (day > last[k]!) last[k] = day;
      const inWindow = day >= windowStart;
      const o = c.orderNo[i]!;
      if (o < 0) {
        total[k]!++;
        if (inWindow) recent[k]!++;
        continue;
      }
      const g = global[o]!;
      if (owner[g] === -1) {
        owner[g] = k;
        total[k]!++;
      }
      if (owner[g] === k) {
        if (inWindow && ownerRecent[g] === 0) {
          ownerRecent[g] = 1;
          recent[k]!++;
        }
        continue;
      }
      const pair = g * CUSTOMER_SLOTS + k;
      if (!sharedTotal.has(pair)) {
        sharedTotal.add(pair);
        total[k]!++;
      }
      if (inWindow && !sharedRecent.has(pair)) {
        sharedRecent.add(pair);
        recent[k]!++;
      }
    }
  }
  const facts: TierFacts[] = [];
  for (let k = 0; k < slots.count; k++) {
    if (total[k] === 0) continue; // only returns or gifts: never bought
    const points = imported[k]! + pointsFor(fenWithoutPoints[k]!, null, params);
    facts.push({ id: slots.ids[k]!, points, ordersTotal: total[k]!, ordersRecent: recent[k]!, lastDay: last[k]! });
  }
  return facts.sort((a, b) => a.id - b.id);
}

/**
 * tierFacts from stats counted over every line (lib/customers/stats, no date bound), when the
 * review day is on or after the last line: totals, points and last purchase come from the stats
 * pass, and only the recent window is read from the lines again (chunks ending before it are
 * skipped). Null when the stats cannot serve (a review dated before the last line).
 */
export function tierFactsFromStats(stats: CustomerStats, chunks: readonly PurchaseColumns[], reviewDay: number, params: TierParams, orderIndex: OrderIndex): TierFacts[] | null {
  const recent = recentOrders(stats, chunks, reviewDay, params, orderIndex);
  if (!recent) return null;
  const facts: TierFacts[] = [];
  for (let i = 0; i < stats.ids.length; i++) {
    if (stats.purchaseOrders[i] === 0) continue; // only returns or gifts: never bought
    facts.push({ id: stats.ids[i]!, points: pointsOf(stats, i, params), ordersTotal: stats.purchaseOrders[i]!, ordersRecent: recent[i]!, lastDay: stats.lastPurchaseDay[i]! });
  }
  return facts;
}

const pointsOf = (stats: CustomerStats, i: number, params: TierParams) => stats.points[i]! + pointsFor(stats.amountWithoutPoints[i]!, null, params);

/**
 * Orders with a purchase line in the recent window per customer, aligned with the stats' ids (the
 * window's lines only are read); null when a line is dated after the review day.
 */
function recentOrders(stats: CustomerStats, chunks: readonly PurchaseColumns[], reviewDay: number, params: TierParams, orderIndex: OrderIndex): Int32Array | null {
  for (const d of stats.lastDay) if (d > reviewDay) return null;
  const windowStart = reviewDay - params.recentDays;
  const recent = new Int32Array(stats.ids.length);
  const owner = new Int32Array(orderIndex.size).fill(-1);
  const shared = new Set<number>();
  for (const c of chunks) {
    let last = -Infinity;
    for (let i = 0; i < c.length; i++) if (c.day[i]! > last) last = c.day[i]!;
    if (last < windowStart) continue;
    const global = orderIndex.of(c);
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      const day = c.day[i]!;
      if (id === 0 || day < windowStart || day > reviewDay || !isPurchase(c.flags[i]!, c.amount[i]!)) continue;
      const o = c.orderNo[i]!;
      let counted = o < 0;
      if (!counted) {
        const g = global[o]!;
        if (owner[g] === -1) {
          owner[g] = id;
          counted = true;
        } else if (owner[g] !== id) {
          const pair = g * 2 ** 26 + id; // order numbers and customer ids both stay far below 2^26
          if (!shared.has(pair)) {
            shared.add(pair);
            counted = true;
          }
        }
      }
      if (counted) recent[statsIndex(stats, id)]!++;
    }
  }
  return recent;
}

/** reviewCustomers(tierFactsFromStats(…)) without a facts object per customer on the way. */
function reviewRowsFromStats(stats: CustomerStats, chunks: readonly PurchaseColumns[], reviewDay: number, params: TierParams, orderIndex: OrderIndex): ReviewCustomer[] | null {
  const recent = recentOrders(stats, chunks, reviewDay, params, orderIndex);
  if (!recent) return null;
  const rows: ReviewCustomer[] = [];
  for (let i = 0; i < stats.ids.length; i++) {
    const ordersTotal = stats.purchaseOrders[i]!;
    if (ordersTotal === 0) continue; // only returns or gifts: never bought
    const rules = assignTierWithRule({ points: pointsOf(stats, i, params), ordersTotal, ordersRecent: recent[i]!, designated: false }, params);
    rows.push(reviewCustomer(stats.ids[i]!, stats.lastPurchaseDay[i]!, rules));
  }
  return rows;
}

/** The review rows: the tier the rules give each customer today (no one is designated by data). */
export function reviewCustomers(facts: readonly TierFacts[], params: TierParams): ReviewCustomer[] {
  return facts.map((f) =>
    reviewCustomer(f.id, f.lastDay, assignTierWithRule({ points: f.points, ordersTotal: f.ordersTotal, ordersRecent: f.ordersRecent, designated: false }, params)),
  );
}

/** The whole review over the lines: what the worker runs. */
export function reviewFromLines(
  chunks: readonly PurchaseColumns[],
  state: readonly TierState[],
  reviewDay: number,
  params: TierParams,
  orderIndex = new OrderIndex(),
  /** Stats over every line, when the caller has them: the review then reads far fewer lines. */
  stats?: CustomerStats,
): ReviewResult {
  const rows = (stats && reviewRowsFromStats(stats, chunks, reviewDay, params, orderIndex)) ?? reviewCustomers(tierFacts(chunks, reviewDay, params, orderIndex), params);
  return reviewTiers(rows, state, reviewDay, params);
}
