/**
 * The purchase-based indicators, computed in the analysis worker over the packed lines.
 * Definitions (hand-checked in tests/unit/kpi.test.ts):
 * - a purchase = a line not excluded and not a return; a buyer on file = a non-zero customer id;
 * - registration rate per month = lib/customers/quality over that month's lines only;
 * - spend per customer = net amount (returns deducted) of the month's lines on file ÷ buyers on file;
 * - repeat-purchase rate per quarter = buyers on file in the quarter who have bought on at least
 *   two different days up to the quarter's end ÷ buyers on file in the quarter (by group too);
 * - churn rate per month (seed 004: 12 months without a purchase → the churned list): a customer
 *   is active at the month's start S if the last purchase L before S has L + 365 ≥ S; churned in
 *   the month if L + 365 falls in the month and no purchase came from S up to L + 365;
 *   rate = churned ÷ active.
 */
import { registrationRate, type RegistrationRate } from '../customers/quality';
import { LineFlag, type PurchaseColumns } from '../purchases/columns';
import { monthDays, monthOfDay, quarterDays, type MonthIndex, type QuarterIndex } from '../funnel/months';

export const CHURN_DAYS = 365;

export interface PurchaseKpiRequest {
  months: MonthIndex[];
  quarters: QuarterIndex[];
  /** Customer id → sales group, for the repeat rate by group. */
  groupOf?: Record<number, string>;
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
  active: number;
  churned: number;
  churnRate: number | null;
}

export interface QuarterFigures {
  quarter: QuarterIndex;
  buyers: number;
  repeat: number;
  rate: number | null;
  byGroup: { group: string; buyers: number; repeat: number; rate: number | null }[];
}

export interface PurchaseKpis {
  registration: RegistrationRate;
  months: MonthFigures[];
  quarters: QuarterFigures[];
}

const share = (a: number, b: number) => (b === 0 ? null : a / b);

/** Sorted distinct purchase days per customer on file. */
export function purchaseDays(chunks: readonly PurchaseColumns[]): Map<number, number[]> {
  const sets = new Map<number, Set<number>>();
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      if (id === 0 || c.flags[i]! & (LineFlag.excluded | LineFlag.returned)) continue;
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

export function purchaseKpis(chunks: readonly PurchaseColumns[], request: PurchaseKpiRequest): PurchaseKpis {
  const wanted = new Set(request.months);
  const money = new Map<MonthIndex, { revenue: number; onFile: number; buyers: Set<number> }>();
  // Each wanted month's lines, chunk by chunk: one pass over the lines, not one per month.
  const monthLines = new Map<MonthIndex, PurchaseColumns[]>();
  for (const m of request.months) {
    money.set(m, { revenue: 0, onFile: 0, buyers: new Set() });
    monthLines.set(m, []);
  }
  let lastDay = Number.NaN;
  let lastMonth = 0;
  for (const c of chunks) {
    const picked = new Map<MonthIndex, number[]>();
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
      if (c.flags[i]! & LineFlag.excluded) continue;
      const acc = money.get(m)!;
      acc.revenue += c.amount[i]!;
      const id = c.customerId[i]!;
      if (id === 0) continue;
      acc.onFile += c.amount[i]!;
      // A return alone does not make a buyer.
      if (!(c.flags[i]! & LineFlag.returned)) acc.buyers.add(id);
    }
    for (const [m, keep] of picked) monthLines.get(m)!.push(linesAt(c, keep));
  }
  const days = purchaseDays(chunks);
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
      const lapse = last + CHURN_DAYS;
      if (lapse < start) continue;
      active++;
      const next = list[at];
      if (lapse < end && (next === undefined || next > lapse)) churned++;
    }
    return {
      month,
      registration,
      revenue: acc.revenue,
      buyersOnFile: acc.buyers.size,
      revenueOnFile: acc.onFile,
      spendPerCustomer: share(acc.onFile, acc.buyers.size),
      active,
      churned,
      churnRate: share(churned, active),
    };
  });
  const groupOf = request.groupOf ?? {};
  const quarters = request.quarters.map((quarter): QuarterFigures => {
    const { start, end } = quarterDays(quarter);
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
      quarter,
      buyers,
      repeat,
      rate: share(repeat, buyers),
      byGroup: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, g]) => ({ group, ...g, rate: share(g.repeat, g.buyers) })),
    };
  });
  return { registration: registrationRate(chunks), months, quarters };
}
