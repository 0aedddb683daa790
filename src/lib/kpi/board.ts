/**
 * The KPI board: each indicator's value for the chosen month (or its quarter), its trend and its
 * red/amber/green. Purchase-based figures come from the worker (lib/kpi/purchases); the
 * customer-file and funnel ones are counted here. Definitions (tests/unit/kpi.test.ts):
 * - file growth = files created in the month ÷ files created before it;
 * - new files vs quota = files created in the month ÷ (quota × number of groups), quota 30 or
 *   20 in Jul–Sep (seed 004); per group, a file counts for the group of the prospect record it
 *   came from (its customer id, or the same phone: see customerGroups);
 * - after-sale follow-up completion = opportunities delivered in the month that were followed up
 *   (reached the follow-up step) ÷ delivered in the month;
 * - visit completion = appointments dated in the month, up to today, that took place (the
 *   opportunity reached the trial step) ÷ those appointments;
 * - delay-notice rate = late deliveries promised in the month whose customer was told on or
 *   before the promised day ÷ late deliveries promised in the month (lib/funnel/delays).
 * Nothing to divide by (no buyers, no orders, no deliveries…) is never an error: the value is 0,
 * marked `noData`, with no red/amber/green (issue 10).
 */
import { dayFromIso } from '../dates';
import { delayNoticeRate } from '../funnel/delays';
import { calendarMonth, monthDays, monthOfDay, monthsUpTo, type MonthIndex, type QuarterIndex } from '../funnel/months';
import { eventsByOpportunity, reachedDays, stageIndex, type Opportunity, type StageEvent } from '../funnel/records';
import { kpiDefinitions, kpiIds, kpiPeriodOf, kpiStatus, monthlyQuota, type KpiId, type KpiSetting, type KpiStatus } from './definitions';
import { lastMonthOf, periodOfMonth, periodsUpTo, periodText, trendLength, type KpiPeriod } from './periods';
import type { PurchaseKpis, RepeatFigures } from './purchases';

export const TREND_MONTHS = trendLength.month;
export const TREND_QUARTERS = trendLength.quarter;

export interface CustomerFile {
  id: number;
  /** ISO instant the file was created. */
  createdAt: string;
  /** Normalised phone, when known: links a prospect record to the file made when they bought. */
  phone?: string | undefined;
  /** The rep who owns the file (归属导购): their sales group counts the file when no prospect names one. */
  ownerId?: string | undefined;
}

export interface BoardInput {
  month: MonthIndex;
  today: number;
  customers: readonly CustomerFile[];
  opportunities: readonly Opportunity[];
  events: readonly StageEvent[];
  purchases: PurchaseKpis;
  /** Sales groups sharing the new-files quota (at least 1). */
  groups: readonly string[];
  settings: readonly KpiSetting[];
}

export interface TrendPoint {
  label: string;
  /** 0 when there was nothing to divide by (then noData). */
  value: number;
  noData: boolean;
}

export interface BoardRow {
  id: KpiId;
  /** 'YYYY-MM', 'YYYY-Qn', 'YYYY', or 'all' (registration rate: every purchase on file). */
  period: string;
  /** What the period is: the KPI's own, or the one the store chose for it. */
  periodKind: KpiPeriod | 'all';
  /** 0 when there is nothing to divide by: then `noData` and status 'none'. Never NaN or null. */
  value: number;
  noData: boolean;
  /** The counts behind a rate, when it is one. */
  count: { part: number; whole: number } | null;
  target: number | null;
  alert: number | null;
  status: KpiStatus;
  front: boolean;
  trend: TrendPoint[];
}

/** The months, quarters and years the worker must count for a board ending at `month`. */
export function boardPeriods(month: MonthIndex): { months: MonthIndex[]; quarters: QuarterIndex[]; years: number[] } {
  return { months: monthsUpTo(month, TREND_MONTHS), quarters: periodsUpTo('quarter', month), years: periodsUpTo('year', month) };
}

type Counted = { part: number; whole: number };
const ratio = (c: Counted) => (c.whole === 0 ? null : c.part / c.whole);

export function fileDay(c: CustomerFile): number | null {
  return dayFromIso(c.createdAt.slice(0, 10));
}

/**
 * The customers' file days, ascending (a file without a readable date left out): the board counts
 * files for every month of two trends, two searches each instead of a pass over the whole file.
 */
export function fileDaysOf(customers: readonly CustomerFile[]): Float64Array {
  const days: number[] = [];
  for (const c of customers) {
    const d = fileDay(c);
    if (d !== null) days.push(d);
  }
  return Float64Array.from(days).sort();
}

/** How many of the ascending `days` fall before `day`. */
function countBefore(days: Float64Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Files created in the month, and before it, from the customers' file days (`fileDaysOf`). */
export function fileCounts(days: Float64Array, month: MonthIndex): { created: number; before: number } {
  const { start, end } = monthDays(month);
  const before = countBefore(days, start);
  return { created: countBefore(days, end) - before, before };
}

/**
 * New files per group in the month against the group's quota; files not from a group's prospect are
 * 'unassigned' (''). `groupOf`: customerGroups of the same, when the caller has it already.
 */
export function newFilesByGroup(
  customers: readonly CustomerFile[],
  opportunities: readonly Opportunity[],
  groups: readonly string[],
  month: MonthIndex,
  repGroups: Readonly<Record<string, string>> = {},
  groupOf: Readonly<Record<number, string>> = customerGroups(opportunities, customers, repGroups),
) {
  const quota = monthlyQuota(calendarMonth(month));
  const { start, end } = monthDays(month);
  const counts = new Map<string, number>(groups.map((g) => [g, 0]));
  for (const c of customers) {
    const d = fileDay(c);
    if (d === null || d < start || d >= end) continue;
    const g = groupOf[c.id] ?? '';
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts.entries()].map(([group, count]) => ({ group, count, quota: group === '' ? null : quota }));
}

/**
 * Whether customerGroups needs the customer file: a rep in a group owns customers, or a grouped
 * prospect names a phone and no customer. Otherwise it gives the same groups without it.
 */
export function groupsNeedFile(opportunities: readonly Opportunity[], repGroups: Readonly<Record<string, string>>): boolean {
  return Object.keys(repGroups).length > 0 || opportunities.some((o) => o.group && o.customerId === undefined && o.phone);
}

/**
 * Customer id → the group of the prospect record that names it, by its customer id or, failing
 * that, by the same phone (digits only) on the file; the most recently updated record wins. A file
 * no prospect names counts for the group of its owner (归属导购, rep id → group in `repGroups`):
 * the prospect says who developed the customer, the owner only who looks after them now.
 */
export function customerGroups(opportunities: readonly Opportunity[], customers: readonly CustomerFile[] = [], repGroups: Readonly<Record<string, string>> = {}): Record<number, string> {
  const digits = (p: string) => p.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  // Built when a prospect names no customer but a phone (100,000 files' phones cost a pass of their own).
  let byPhone: Map<string, number> | undefined;
  const phoneOwner = (phone: string) => {
    if (!byPhone) {
      byPhone = new Map();
      for (const c of customers) if (c.phone) byPhone.set(digits(c.phone), c.id);
    }
    return byPhone.get(digits(phone));
  };
  const out: Record<number, string> = {};
  for (const o of [...opportunities].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) {
    if (!o.group) continue;
    const id = o.customerId ?? (o.phone ? phoneOwner(o.phone) : undefined);
    if (id !== undefined) out[id] = o.group;
  }
  for (const c of customers) {
    const group = c.ownerId === undefined ? undefined : repGroups[c.ownerId];
    if (group && out[c.id] === undefined) out[c.id] = group;
  }
  return out;
}

function funnelCounts(input: BoardInput, month: MonthIndex) {
  const { start, end } = monthDays(month);
  const events = eventsByOpportunity(input.events);
  const deliverAt = stageIndex('deliver');
  const followAt = stageIndex('followUp');
  const trialAt = stageIndex('trial');
  const followUp = { part: 0, whole: 0 };
  const visits = { part: 0, whole: 0 };
  for (const o of input.opportunities) {
    const reached = reachedDays(events.get(o.id) ?? []);
    const delivered = reached[deliverAt];
    if (delivered !== null && delivered !== undefined && delivered >= start && delivered < end) {
      followUp.whole++;
      if (reached[followAt] !== null) followUp.part++;
    }
    const a = o.appointmentDay;
    if (a !== undefined && a >= start && a < end && a <= input.today) {
      visits.whole++;
      if (reached[trialAt] !== null) visits.part++;
    }
  }
  const delays = delayNoticeRate(input.opportunities.filter((o) => o.promisedDay !== undefined && o.promisedDay >= start && o.promisedDay < end));
  return { followUp, visits, delays: { part: delays.toldInAdvance, whole: delays.late } };
}

/** A counted figure: its value (null = nothing to divide by) and, for a rate of counts, the counts. */
type Figure = { value: number | null; count: Counted | null };
const counted = (c: Counted): Figure => ({ value: ratio(c), count: c });
const figure = (value: number | null): Figure => ({ value, count: null });

/** The repeat-rate figures the worker counted for one period, if it did. */
export function repeatFigures(purchases: PurchaseKpis, kind: KpiPeriod, index: number): RepeatFigures | undefined {
  if (kind === 'month') return purchases.months.find((m) => m.month === index)?.repeat;
  if (kind === 'quarter') return purchases.quarters.find((q) => q.quarter === index);
  return purchases.years.find((y) => y.year === index);
}

/** One indicator's figure for a month; null when the worker did not count that month. */
function monthValue(id: KpiId, input: BoardInput, month: MonthIndex, fileDays: Float64Array): Figure | null {
  const figures = input.purchases.months.find((m) => m.month === month);
  switch (id) {
    case 'registrationRate':
      return figures ? counted({ part: figures.registration.buyersWithFile, whole: figures.registration.allBuyers }) : null;
    case 'fileGrowth': {
      const f = fileCounts(fileDays, month);
      return counted({ part: f.created, whole: f.before });
    }
    case 'newFilesVsQuota': {
      const f = fileCounts(fileDays, month);
      return counted({ part: f.created, whole: monthlyQuota(calendarMonth(month)) * Math.max(1, input.groups.length) });
    }
    case 'followUpCompletion':
      return counted(funnelCounts(input, month).followUp);
    case 'visitCompletion':
      return counted(funnelCounts(input, month).visits);
    case 'delayNoticeRate':
      return counted(funnelCounts(input, month).delays);
    case 'spendPerCustomer':
      return figures ? figure(figures.spendPerCustomer) : null;
    case 'averageOrderValue':
      return figures ? figure(figures.averageOrderValue) : null;
    case 'memberSalesShare':
      return figures ? figure(figures.memberSalesShare) : null;
    case 'memberOrderShare':
      return figures ? counted({ part: figures.memberOrders, whole: figures.orders }) : null;
    case 'churnRate':
      return figures ? counted({ part: figures.churned, whole: figures.active }) : null;
    case 'repeatRate': {
      const kind = kpiPeriodOf(id, input.settings.find((s) => s.id === id));
      const r = repeatFigures(input.purchases, kind, periodOfMonth(kind, month));
      return r ? counted({ part: r.repeat, whole: r.buyers }) : null;
    }
  }
}

/** Null (not counted, or nothing to divide by) or not a finite number → 0, marked as no data. */
function shown(f: Figure | null): { value: number; noData: boolean } {
  const v = f?.value ?? null;
  return v === null || !Number.isFinite(v) ? { value: 0, noData: true } : { value: v, noData: false };
}

export function buildBoard(input: BoardInput): BoardRow[] {
  const settings = new Map(input.settings.map((s) => [s.id, s]));
  const fileDays = fileDaysOf(input.customers);
  return kpiIds.map((id): BoardRow => {
    const def = kpiDefinitions[id];
    const s = settings.get(id) ?? { id, target: def.target, alert: def.alert, front: false };
    const kind = kpiPeriodOf(id, s);
    // A trend point per period: the period's last month stands for it (quarter and year KPIs look up their period).
    const trend = periodsUpTo(kind, input.month).map((p): TrendPoint => ({ label: periodText(kind, p), ...shown(monthValue(id, input, Math.min(lastMonthOf(kind, p), input.month), fileDays)) }));
    let f = monthValue(id, input, input.month, fileDays);
    let period = periodText(kind, periodOfMonth(kind, input.month));
    let periodKind: BoardRow['periodKind'] = kind;
    if (id === 'registrationRate') {
      // The same figure as the customer file's data-quality panel: every purchase on file.
      const r = input.purchases.registration;
      f = counted({ part: r.buyersWithFile, whole: r.allBuyers });
      period = 'all';
      periodKind = 'all';
    }
    const { value, noData } = shown(f);
    return {
      id,
      period,
      periodKind,
      value,
      noData,
      count: f?.count ?? null,
      target: s.target,
      alert: s.alert,
      status: noData ? 'none' : kpiStatus(value, s.target, s.alert, def.higherIsBetter),
      front: s.front,
      trend,
    };
  });
}

/** The board's month: the month of the last purchase, else of today. */
export function boardMonth(lastPurchaseDay: number | null, today: number): MonthIndex {
  return monthOfDay(lastPurchaseDay ?? today);
}
