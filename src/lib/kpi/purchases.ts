/**
 * The purchase-based indicators, computed in the analysis worker over the packed lines.
 * Definitions (hand-checked in tests/unit/kpi.test.ts and kpi-sales.test.ts):
 * - a purchase = a line not excluded and not a return; a buyer on file = a non-zero customer id;
 *   a member (会员) = a registered customer, a walk-in (散客) = a line with customer id 0;
 * - registration rate per month = lib/customers/quality over that month's lines only;
 * - spend per customer = net amount (returns deducted) of the month's lines on file ÷ buyers on file;
 * - 实收 (net takings) = net amount of every line of the month, members and walk-ins, a return
 *   line (negative) deducted in the month it is dated;
 * - 单数 (orders) = the month's orders as the rest of the app counts them (lib/customers/stats):
 *   distinct order nos. per customer (OrderIndex), a line without an order no. is an order by
 *   itself; only purchase lines make an order (a return is not one);
 * - 客单价 average order value = 实收 ÷ 单数; 会员消费占比 = members' net amount ÷ 实收;
 *   会员客单占比 = members' orders ÷ 单数;
 * - repeat-purchase rate per month, quarter or year = buyers on file in the period who have bought
 *   on at least two different days up to the period's end ÷ buyers on file in the period (by group too);
 * - monthly churn rate (seed 004: 12 months without a purchase → the churned list; the days are the
 *   tier rules' churnAfterDays, D): a customer is not lapsed at the month's start S if the last
 *   purchase L before S has L + D ≥ S; lapses in the month if L + D falls in the month and no
 *   purchase came from S up to L + D; rate = lapsed ÷ not lapsed at S (lib/metrics: churnRate).
 *   Purchases are counted by isPurchase, as the tier review and the dormancy statuses count them.
 * A rate whose denominator is 0 is null here ("no data"); the board shows it as 0 without a colour.
 */
import { registrationRate, type RegistrationRate } from '../customers/quality';
import { isPurchase, LineFlag, type PurchaseColumns } from '../purchases/columns';
import { OrderIndex } from '../purchases/order-index';
import { monthDays, monthOfDay, quarterDays, type MonthIndex, type QuarterIndex } from '../funnel/months';
import { periodDays } from './periods';

export const CHURN_DAYS = 365;

export interface PurchaseKpiRequest {
  months: MonthIndex[];
  quarters: QuarterIndex[];
  /** Calendar years, for the repeat rate counted by year. */
  years?: number[];
  /** Customer id → sales group, for the repeat rate by group. */
  groupOf?: Record<number, string>;
  /** Days without a purchase that put a customer on the churned list: the tier rules' churnAfterDays (default 365). */
  churnDays?: number;
}

export interface MonthFigures {
  month: MonthIndex;
  registration: RegistrationRate;
  /** Net amount of every line in the month (walk-ins too), fen. */
  revenue: number;
  /** On file only. */
  buyersOnFile: number;
  revenueOnFile: number;
  spendPerCustomer: number | null;
  /** 单数: orders of the month (returns are not orders), members' and walk-ins'. */
  orders: number;
  memberOrders: number;
  /** 客单价 = revenue ÷ orders, fen. */
  averageOrderValue: number | null;
  /** 会员消费占比 = revenueOnFile ÷ revenue (null when the month's net amount is not above 0). */
  memberSalesShare: number | null;
  /** 会员客单占比 = memberOrders ÷ orders. */
  memberOrderShare: number | null;
  active: number;
  churned: number;
  churnRate: number | null;
  /** The repeat rate counted over this month. */
  repeat: RepeatFigures;
}

export interface RepeatFigures {
  buyers: number;
  repeat: number;
  rate: number | null;
  byGroup: { group: string; buyers: number; repeat: number; rate: number | null }[];
}

export interface QuarterFigures extends RepeatFigures {
  quarter: QuarterIndex;
}

export interface YearFigures extends RepeatFigures {
  year: number;
}

export interface PurchaseKpis {
  registration: RegistrationRate;
  months: MonthFigures[];
  quarters: QuarterFigures[];
  years: YearFigures[];
}

const share = (a: number, b: number) => (b === 0 ? null : a / b);

/** Sorted distinct purchase days per customer on file. */
export function purchaseDays(chunks: readonly PurchaseColumns[]): Map<number, number[]> {
  const sets = new Map<number, Set<number>>();
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      if (id === 0 || !isPurchase(c.flags[i]!, c.amount[i]!)) continue;
      let s = sets.get(id);
      if (!s) sets.set(id, (s = new Set()));
      s.add(c.day[i]!);
    }
  }
  const days = new Map<number, number[]>();
  for (const [id, s] of sets) days.set(id, [...s].sort((a, b) => a - b));
  return days;
}

/** Index of the first element ≥ x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Some lines of a chunk, with the same dictionaries (for registrationRate over a month). */
function linesAt(c: PurchaseColumns, keep: readonly number[]): PurchaseColumns {
  const pick = <A extends Int32Array | Float64Array | Uint8Array>(a: A, make: (n: number) => A): A => {
    const out = make(keep.length);
    keep.forEach((k, j) => (out[j] = a[k]!));
    return out;
  };
  return {
    length: keep.length,
    day: pick(c.day, (n) => new Int32Array(n)),
    customerId: pick(c.customerId, (n) => new Int32Array(n)),
    amount: pick(c.amount, (n) => new Float64Array(n)),
    quantity: pick(c.quantity, (n) => new Float64Array(n)),
    points: pick(c.points, (n) => new Float64Array(n)),
    flags: pick(c.flags, (n) => new Uint8Array(n)),
    orderNo: pick(c.orderNo, (n) => new Int32Array(n)),
    itemNo: pick(c.itemNo, (n) => new Int32Array(n)),
    customerRef: pick(c.customerRef, (n) => new Int32Array(n)),
    orderDict: c.orderDict,
    itemDict: c.itemDict,
    customerRefDict: c.customerRefDict,
  };
}

/** Order nos. below this (2 M) make a (order, customer) pair one exact number. */
const PAIR_ORDERS = 2_097_152;
const PAIR_SHIFT = 4_294_967_296;

/**
 * Orders of one month: distinct (order no., customer) pairs, as lib/customers/stats counts them
 * per customer; a line without an order no. is an order of its own. Pairs are gathered as numbers
 * and counted by one sort at the end (a map entry per line cost most of the board's count on a
 * till export whose orders each name two customers); order nos. past 21 bits as text.
 */
export class MonthOrders {
  #pairs = new Float64Array(1_024);
  #n = 0;
  #loose = { all: 0, members: 0 };
  #wide: Set<string> | null = null;

  add(order: number, customerId: number) {
    if (order < 0) {
      this.#loose.all++;
      if (customerId !== 0) this.#loose.members++;
    } else if (order >= PAIR_ORDERS) (this.#wide ??= new Set()).add(`${order}:${customerId}`);
    else {
      if (this.#n === this.#pairs.length) {
        const more = new Float64Array(this.#n * 2);
        more.set(this.#pairs);
        this.#pairs = more;
      }
      this.#pairs[this.#n++] = order * PAIR_SHIFT + (customerId >>> 0);
    }
  }

  counts(): { all: number; members: number } {
    let { all, members } = this.#loose;
    const pairs = this.#pairs.subarray(0, this.#n).sort();
    for (let i = 0; i < pairs.length; i++) {
      if (i > 0 && pairs[i] === pairs[i - 1]) continue;
      all++;
      if (pairs[i]! % PAIR_SHIFT !== 0) members++;
    }
    for (const pair of this.#wide ?? []) {
      all++;
      if (!pair.endsWith(':0')) members++;
    }
    return { all, members };
  }
}

/** The repeat rate over [start, end) from each customer's purchase days. */
function repeatIn(days: ReadonlyMap<number, number[]>, start: number, end: number, groupOf: Record<number, string>): RepeatFigures {
  let buyers = 0;
  let repeat = 0;
  const groups = new Map<string, { buyers: number; repeat: number }>();
  for (const [id, list] of days) {
    const from = lowerBound(list, start);
    if (from >= list.length || list[from]! >= end) continue;
    const isRepeat = lowerBound(list, end) >= 2;
    buyers++;
    if (isRepeat) repeat++;
    const group = groupOf[id];
    if (group === undefined) continue;
    const g = groups.get(group) ?? groups.set(group, { buyers: 0, repeat: 0 }).get(group)!;
    g.buyers++;
    if (isRepeat) g.repeat++;
  }
  return {
    buyers,
    repeat,
    rate: share(repeat, buyers),
    byGroup: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, g]) => ({ group, ...g, rate: share(g.repeat, g.buyers) })),
  };
}

export function purchaseKpis(chunks: readonly PurchaseColumns[], request: PurchaseKpiRequest, orderIndex = new OrderIndex()): PurchaseKpis {
  const wanted = new Set(request.months);
  const money = new Map<MonthIndex, { revenue: number; onFile: number; buyers: Set<number>; orders: MonthOrders }>();
  // Each wanted month's lines, chunk by chunk: one pass over the lines, not one per month.
  const monthLines = new Map<MonthIndex, PurchaseColumns[]>();
  for (const m of request.months) {
    money.set(m, { revenue: 0, onFile: 0, buyers: new Set(), orders: new MonthOrders() });
    monthLines.set(m, []);
  }
  let lastDay = Number.NaN;
  let lastMonth = 0;
  for (const c of chunks) {
    const picked = new Map<MonthIndex, number[]>();
    const global = orderIndex.of(c);
    for (let i = 0; i < c.length; i++) {
      const day = c.day[i]!;
      if (day !== lastDay) {
        lastDay = day;
        lastMonth = monthOfDay(day);
      }
      const m = lastMonth;
      if (!wanted.has(m)) continue;
      const list = picked.get(m);
      if (list) list.push(i);
      else picked.set(m, [i]);
      const flags = c.flags[i]!;
      if (flags & LineFlag.excluded) continue;
      const acc = money.get(m)!;
      acc.revenue += c.amount[i]!;
      const id = c.customerId[i]!;
      const o = c.orderNo[i]!;
      // A return reduces the takings but is not an order, and alone does not make a buyer.
      if (!(flags & LineFlag.returned)) acc.orders.add(o < 0 ? -1 : global[o]!, id);
      if (id === 0) continue;
      acc.onFile += c.amount[i]!;
      if (!(flags & LineFlag.returned)) acc.buyers.add(id);
    }
    for (const [m, keep] of picked) monthLines.get(m)!.push(linesAt(c, keep));
  }
  const days = purchaseDays(chunks);
  const groupOf = request.groupOf ?? {};
  const churnDays = request.churnDays ?? CHURN_DAYS;
  const months = request.months.map((month): MonthFigures => {
    const { start, end } = monthDays(month);
    const registration = registrationRate(monthLines.get(month)!);
    const acc = money.get(month)!;
    let active = 0;
    let churned = 0;
    for (const list of days.values()) {
      const at = lowerBound(list, start);
      if (at === 0) continue;
      const last = list[at - 1]!;
      const lapse = last + churnDays;
      if (lapse < start) continue;
      active++;
      const next = list[at];
      if (lapse < end && (next === undefined || next > lapse)) churned++;
    }
    const { all, members } = acc.orders.counts();
    return {
      month,
      registration,
      revenue: acc.revenue,
      buyersOnFile: acc.buyers.size,
      revenueOnFile: acc.onFile,
      spendPerCustomer: share(acc.onFile, acc.buyers.size),
      orders: all,
      memberOrders: members,
      averageOrderValue: share(acc.revenue, all),
      // A share of a month whose returns outweigh its sales means nothing: no data, as for 0.
      memberSalesShare: acc.revenue > 0 ? acc.onFile / acc.revenue : null,
      memberOrderShare: share(members, all),
      active,
      churned,
      churnRate: share(churned, active),
      repeat: repeatIn(days, start, end, groupOf),
    };
  });
  const quarters = request.quarters.map((quarter): QuarterFigures => {
    const { start, end } = quarterDays(quarter);
    return { quarter, ...repeatIn(days, start, end, groupOf) };
  });
  const years = (request.years ?? []).map((year): YearFigures => {
    const { start, end } = periodDays('year', year);
    return { year, ...repeatIn(days, start, end, groupOf) };
  });
  return { registration: registrationRate(chunks), months, quarters, years };
}
