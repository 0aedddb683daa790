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
import { RegistrationCounter, type RegistrationRate } from '../customers/quality';
import { isPurchase, LineFlag, type PurchaseColumns } from '../purchases/columns';
import { OrderIndex, widen } from '../purchases/order-index';
import { OrderPairs } from '../purchases/order-pairs';
import { DistinctIds } from '../purchases/distinct-ids';
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

/**
 * Each customer on file's distinct purchase days, ascending: customer k is `ids[k]` (ascending),
 * its days `days[from[k]]` up to `days[from[k + 1]]`. Found by placing the (customer, day) pairs per
 * customer (DayPairs; a set per customer cost 0.4 s at 100,000 customers).
 */
export interface PurchaseDays {
  ids: Float64Array;
  from: Int32Array;
  days: Float64Array;
}

export function purchaseDays(chunks: readonly PurchaseColumns[]): PurchaseDays {
  const pairs = new DayPairs();
  for (const c of chunks) pairs.add(c);
  return pairs.result();
}

/** purchaseDays counted chunk by chunk: the (customer, day) pairs gathered as lines come, placed per customer when asked. */
export class DayPairs {
  #ids = new Int32Array(1_024);
  #days = new Int32Array(1_024);
  #n = 0;
  #minId = Infinity;
  #maxId = -Infinity;
  #minDay = Infinity;
  #maxDay = -Infinity;

  add(c: PurchaseColumns): void {
    if (this.#ids.length < this.#n + c.length) {
      const size = Math.max(this.#ids.length * 2, this.#n + c.length);
      this.#ids = widen(this.#ids, size);
      this.#days = widen(this.#days, size);
    }
    const ids = this.#ids;
    const days = this.#days;
    let n = this.#n;
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      if (id === 0 || !isPurchase(c.flags[i]!, c.amount[i]!)) continue;
      const day = c.day[i]!;
      // An order's lines come together: the same pair again is left out here.
      if (n > 0 && ids[n - 1] === id && days[n - 1] === day) continue;
      ids[n] = id;
      days[n++] = day;
      if (id < this.#minId) this.#minId = id;
      if (id > this.#maxId) this.#maxId = id;
      if (day < this.#minDay) this.#minDay = day;
      if (day > this.#maxDay) this.#maxDay = day;
    }
    this.#n = n;
  }

  /** The days per customer of every line added so far (the pairs gathered stay as they are). */
  result(): PurchaseDays {
    const n = this.#n;
    if (n === 0) return { ids: new Float64Array(0), from: new Int32Array(1), days: new Float64Array(0) };
    const pairIds = this.#ids.slice(0, n);
    const pairDays = this.#days.slice(0, n);
    const minId = this.#minId;
    const range = this.#maxId - minId + 1;
    if (range <= Math.max(1_048_576, 4 * n)) return daysByCustomer(pairIds, pairDays, minId, range);
    // Ids far apart: pairs in (id, day) order by one numeric sort, (id − min) × span + (day − min)
    // being exact below 2^53 for any ids the app gives and dates of thousands of years; past that (a
    // hand-made file) by a compare.
    const minDay = this.#minDay;
    const span = this.#maxDay - minDay + 1;
    if (range * span <= Number.MAX_SAFE_INTEGER) {
      const keys = new Float64Array(n);
      for (let j = 0; j < n; j++) keys[j] = (pairIds[j]! - minId) * span + (pairDays[j]! - minDay);
      keys.sort();
      for (let j = 0; j < n; j++) {
        // Integer arithmetic, not `%` on doubles (a library call per pair).
        const q = Math.floor(keys[j]! / span);
        pairIds[j] = q + minId;
        pairDays[j] = keys[j]! - q * span + minDay;
      }
      return groupDays(pairIds, pairDays);
    }
    const order = Int32Array.from(pairIds.keys()).sort((a, b) => pairIds[a]! - pairIds[b]! || pairDays[a]! - pairDays[b]!);
    return groupDays(
      order.map((j) => pairIds[j]!),
      order.map((j) => pairDays[j]!),
    );
  }
}

/**
 * Pairs placed per customer by counting (ids within `range` of `minId`: the app numbers customers
 * from 1), each customer's days sorted only when they did not come in order (a till export is
 * mostly by date). Costs two passes where one sort of a million pairs cost most of the count.
 */
function daysByCustomer(pairIds: Int32Array, pairDays: Int32Array, minId: number, range: number): PurchaseDays {
  const n = pairIds.length;
  const start = new Int32Array(range + 1);
  for (let j = 0; j < n; j++) start[pairIds[j]! - minId + 1]!++;
  for (let r = 0; r < range; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, range);
  const ids = new Int32Array(n);
  const days = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const p = next[pairIds[j]! - minId]!++;
    ids[p] = pairIds[j]!;
    days[p] = pairDays[j]!;
  }
  for (let r = 0; r < range; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    for (let p = from + 1; p < to; p++) {
      if (days[p]! < days[p - 1]!) {
        days.subarray(from, to).sort();
        break;
      }
    }
  }
  return groupDays(ids, days);
}

/** Pairs in (id, day) order grouped per customer, a repeated day once. */
function groupDays(ids: Int32Array, days: Int32Array): PurchaseDays {
  const customers: number[] = [];
  const from: number[] = [];
  const out = new Float64Array(days.length);
  let m = 0;
  for (let j = 0; j < ids.length; j++) {
    const newCustomer = j === 0 || ids[j] !== ids[j - 1];
    if (!newCustomer && days[j] === days[j - 1]) continue;
    if (newCustomer) {
      customers.push(ids[j]!);
      from.push(m);
    }
    out[m++] = days[j]!;
  }
  from.push(m);
  return { ids: Float64Array.from(customers), from: Int32Array.from(from), days: out.slice(0, m) };
}

/** Index of the first of `a[lo..hi)` ≥ x (hi when none). */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The repeat rate over [start, end) from each customer's purchase days. */
function repeatIn({ ids, from, days }: PurchaseDays, start: number, end: number, groupOf: Record<number, string>): RepeatFigures {
  let buyers = 0;
  let repeat = 0;
  const groups = new Map<string, { buyers: number; repeat: number }>();
  for (let k = 0; k < ids.length; k++) {
    const first = from[k]!;
    const last = from[k + 1]!;
    const at = lowerBound(days, first, last, start);
    if (at >= last || days[at]! >= end) continue;
    const isRepeat = lowerBound(days, at, last, end) - first >= 2;
    buyers++;
    if (isRepeat) repeat++;
    const group = groupOf[ids[k]!];
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

/** A month's figures that depend on its lines alone (not on groups or the churn days). */
interface MonthBasis {
  registration: RegistrationRate;
  revenue: number;
  onFile: number;
  buyers: number;
  orders: { all: number; members: number };
}

/**
 * What the purchase figures count from the lines, for these months: the dear part (every line
 * read, order pairs and purchase days sorted). The figures of any request for the same months
 * (other groups, another churn rule) are a short pass over it, so the engine keeps it with the
 * lines it was counted from and may count it before a batch is committed (workers/lines-store).
 */
export interface PurchaseBasis {
  months: MonthIndex[];
  byMonth: Map<MonthIndex, MonthBasis>;
  registration: RegistrationRate;
  days: PurchaseDays;
}

/** The key of a basis: the months it was counted for. */
export const basisKey = (months: readonly MonthIndex[]) => months.join(',');

export function purchaseBasis(chunks: readonly PurchaseColumns[], months: readonly MonthIndex[], orderIndex = new OrderIndex()): PurchaseBasis {
  const counter = new BasisCounter(orderIndex, months);
  for (const c of chunks) counter.add(c);
  return counter.basis(months);
}

/** A month's lines counted so far (BasisCounter). */
interface MonthCount {
  revenue: number;
  onFile: number;
  buyers: DistinctIds;
  /** Distinct (order no., customer) pairs, as lib/customers/stats counts them; a line without an order no. is an order of its own. */
  orders: { all: number; members: number };
  registration: RegistrationCounter;
}

const monthCount = (): MonthCount => ({ revenue: 0, onFile: 0, buyers: new DistinctIds(), orders: { all: 0, members: 0 }, registration: new RegistrationCounter() });

/** A month and a customer id as one key, exact as a double for any month of the calendar. */
const MONTH_KEY = 4_294_967_296;

/**
 * The basis counted chunk by chunk: for `wanted` months only, or, without them, for every month
 * (an import's lines counted as they are written, before the board's months are known). Everything
 * is counted as the lines come; `basis` only reads the counts out and places the purchase days.
 */
export class BasisCounter {
  readonly #months = new Map<MonthIndex, MonthCount>();
  readonly #everyMonth: boolean;
  /** (order, month and customer) pairs seen: a pair counts once in its month. */
  readonly #orders = new OrderPairs();
  readonly #registration = new RegistrationCounter();
  readonly #days = new DayPairs();
  #placed: PurchaseDays | null = null;

  constructor(
    private readonly orderIndex: OrderIndex,
    wanted?: readonly MonthIndex[],
  ) {
    this.#everyMonth = !wanted;
    for (const m of wanted ?? []) this.#months.set(m, monthCount());
  }

  add(c: PurchaseColumns): void {
    this.#placed = null;
    this.#registration.add(c);
    this.#days.add(c);
    // The months this chunk has lines of: each month's registration has the chunk open.
    const open = new Set<MonthCount>();
    const global = this.orderIndex.of(c);
    this.#orders.fit(this.orderIndex.size);
    // The month's figures, looked up when the day leaves the month (not per line).
    let monthStart = Infinity;
    let monthEnd = -Infinity;
    let month = 0;
    let acc: MonthCount | undefined;
    for (let i = 0; i < c.length; i++) {
      const day = c.day[i]!;
      if (day < monthStart || day >= monthEnd) {
        month = monthOfDay(day);
        ({ start: monthStart, end: monthEnd } = monthDays(month));
        acc = this.#months.get(month);
        if (!acc && this.#everyMonth) this.#months.set(month, (acc = monthCount()));
        if (acc && !open.has(acc)) {
          open.add(acc);
          acc.registration.open(c);
        }
      }
      if (!acc) continue;
      acc.registration.line(i);
      const flags = c.flags[i]!;
      if (flags & LineFlag.excluded) continue;
      acc.revenue += c.amount[i]!;
      const id = c.customerId[i]!;
      const o = c.orderNo[i]!;
      // A return reduces the takings but is not an order, and alone does not make a buyer.
      if (!(flags & LineFlag.returned) && (o < 0 || this.#orders.first(global[o]!, month * MONTH_KEY + (id >>> 0)))) {
        acc.orders.all++;
        if (id !== 0) acc.orders.members++;
      }
      if (id === 0) continue;
      acc.onFile += c.amount[i]!;
      if (!(flags & LineFlag.returned)) acc.buyers.add(id);
    }
    for (const m of open) m.registration.close();
  }

  /** The basis for `months` over every chunk added (a month none of whose lines came has none). */
  basis(months: readonly MonthIndex[]): PurchaseBasis {
    const byMonth = new Map<MonthIndex, MonthBasis>();
    for (const m of months) {
      if (!this.#everyMonth && !this.#months.has(m)) throw new Error(`month ${m} was not counted`);
      const acc = this.#months.get(m) ?? monthCount();
      byMonth.set(m, { registration: acc.registration.result(), revenue: acc.revenue, onFile: acc.onFile, buyers: acc.buyers.size, orders: { ...acc.orders } });
    }
    this.#placed ??= this.#days.result();
    return { months: [...months], byMonth, registration: this.#registration.result(), days: this.#placed };
  }
}

/** The figures; `basis`: what was counted already for these lines and the request's months (else counted now). */
export function purchaseKpis(chunks: readonly PurchaseColumns[], request: PurchaseKpiRequest, orderIndex = new OrderIndex(), basis?: PurchaseBasis): PurchaseKpis {
  const counted = basis && basisKey(basis.months) === basisKey(request.months) ? basis : purchaseBasis(chunks, request.months, orderIndex);
  const { days } = counted;
  const groupOf = request.groupOf ?? {};
  const churnDays = request.churnDays ?? CHURN_DAYS;
  const months = request.months.map((month): MonthFigures => {
    const { start, end } = monthDays(month);
    const m = counted.byMonth.get(month)!;
    let active = 0;
    let churned = 0;
    for (let k = 0; k < days.ids.length; k++) {
      const first = days.from[k]!;
      const stop = days.from[k + 1]!;
      const at = lowerBound(days.days, first, stop, start);
      if (at === first) continue;
      const lapse = days.days[at - 1]! + churnDays;
      if (lapse < start) continue;
      active++;
      if (lapse < end && (at === stop || days.days[at]! > lapse)) churned++;
    }
    const { all, members } = m.orders;
    return {
      month,
      registration: m.registration,
      revenue: m.revenue,
      buyersOnFile: m.buyers,
      revenueOnFile: m.onFile,
      spendPerCustomer: share(m.onFile, m.buyers),
      orders: all,
      memberOrders: members,
      averageOrderValue: share(m.revenue, all),
      // A share of a month whose returns outweigh its sales means nothing: no data, as for 0.
      memberSalesShare: m.revenue > 0 ? m.onFile / m.revenue : null,
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
  return { registration: counted.registration, months, quarters, years };
}
