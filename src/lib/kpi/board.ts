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
 */
import { dayFromIso } from '../dates';
import { delayNoticeRate } from '../funnel/delays';
import { calendarMonth, monthDays, monthOfDay, monthsUpTo, monthText, quarterOfMonth, quarterText, type MonthIndex, type QuarterIndex } from '../funnel/months';
import { eventsByOpportunity, reachedDays, stageIndex, type Opportunity, type StageEvent } from '../funnel/records';
import { kpiDefinitions, kpiIds, kpiStatus, monthlyQuota, type KpiId, type KpiSetting, type KpiStatus } from './definitions';
import type { PurchaseKpis } from './purchases';

export const TREND_MONTHS = 12;
export const TREND_QUARTERS = 8;

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
  value: number | null;
}

export interface BoardRow {
  id: KpiId;
  /** 'YYYY-MM', 'YYYY-Qn', or 'all' (registration rate: every purchase on file). */
  period: string;
  value: number | null;
  /** The counts behind a rate, when it is one. */
  count: { part: number; whole: number } | null;
  target: number | null;
  alert: number | null;
  status: KpiStatus;
  front: boolean;
  trend: TrendPoint[];
}

/** The months and quarters the worker must count for a board ending at `month`. */
export function boardPeriods(month: MonthIndex): { months: MonthIndex[]; quarters: QuarterIndex[] } {
  const q = quarterOfMonth(month);
  return { months: monthsUpTo(month, TREND_MONTHS), quarters: Array.from({ length: TREND_QUARTERS }, (_, i) => q - TREND_QUARTERS + 1 + i) };
}

type Counted = { part: number; whole: number };
const ratio = (c: Counted) => (c.whole === 0 ? null : c.part / c.whole);

export function fileDay(c: CustomerFile): number | null {
  return dayFromIso(c.createdAt.slice(0, 10));
}

/** Files created per month, and before each month. */
export function fileCounts(customers: readonly CustomerFile[], month: MonthIndex): { created: number; before: number } {
  const { start, end } = monthDays(month);
  let created = 0;
  let before = 0;
  for (const c of customers) {
    const d = fileDay(c);
    if (d === null) continue;
    if (d < start) before++;
    else if (d < end) created++;
  }
  return { created, before };
}

/** New files per group in the month against the group's quota; files not from a group's prospect are 'unassigned' (''). */
export function newFilesByGroup(customers: readonly CustomerFile[], opportunities: readonly Opportunity[], groups: readonly string[], month: MonthIndex, repGroups: Readonly<Record<string, string>> = {}) {
  const groupOf = customerGroups(opportunities, customers, repGroups);
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
 * Customer id → the group of the prospect record that names it, by its customer id or, failing
 * that, by the same phone (digits only) on the file; the most recently updated record wins. A file
 * no prospect names counts for the group of its owner (归属导购, rep id → group in `repGroups`):
 * the prospect says who developed the customer, the owner only who looks after them now.
 */
export function customerGroups(opportunities: readonly Opportunity[], customers: readonly CustomerFile[] = [], repGroups: Readonly<Record<string, string>> = {}): Record<number, string> {
  const digits = (p: string) => p.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  const byPhone = new Map<string, number>();
  for (const c of customers) if (c.phone) byPhone.set(digits(c.phone), c.id);
  const out: Record<number, string> = {};
  for (const o of [...opportunities].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) {
    if (!o.group) continue;
    const id = o.customerId ?? (o.phone ? byPhone.get(digits(o.phone)) : undefined);
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

/** One indicator's counted value for a month (quarter KPIs: the month's quarter). */
function monthValue(id: KpiId, input: BoardInput, month: MonthIndex): Counted | { money: number | null } | null {
  const figures = input.purchases.months.find((m) => m.month === month);
  switch (id) {
    case 'registrationRate':
      return figures ? { part: figures.registration.buyersWithFile, whole: figures.registration.allBuyers } : null;
    case 'fileGrowth': {
      const f = fileCounts(input.customers, month);
      return { part: f.created, whole: f.before };
    }
    case 'newFilesVsQuota': {
      const f = fileCounts(input.customers, month);
      return { part: f.created, whole: monthlyQuota(calendarMonth(month)) * Math.max(1, input.groups.length) };
    }
    case 'followUpCompletion':
      return funnelCounts(input, month).followUp;
    case 'visitCompletion':
      return funnelCounts(input, month).visits;
    case 'delayNoticeRate':
      return funnelCounts(input, month).delays;
    case 'spendPerCustomer':
      return figures ? { money: figures.spendPerCustomer } : null;
    case 'churnRate':
      return figures ? { part: figures.churned, whole: figures.active } : null;
    case 'repeatRate': {
      const q = input.purchases.quarters.find((x) => x.quarter === quarterOfMonth(month));
      return q ? { part: q.repeat, whole: q.buyers } : null;
    }
  }
}

const valueOf = (v: ReturnType<typeof monthValue>): number | null => (v === null ? null : 'money' in v ? v.money : ratio(v));

export function buildBoard(input: BoardInput): BoardRow[] {
  const settings = new Map(input.settings.map((s) => [s.id, s]));
  const { months, quarters } = boardPeriods(input.month);
  return kpiIds.map((id): BoardRow => {
    const def = kpiDefinitions[id];
    const s = settings.get(id) ?? { id, target: def.target, alert: def.alert, front: false };
    let trend: TrendPoint[];
    let counted = monthValue(id, input, input.month);
    let period = monthText(input.month);
    if (def.period === 'quarter') {
      trend = quarters.map((q) => {
        const f = input.purchases.quarters.find((x) => x.quarter === q);
        return { label: quarterText(q), value: f ? f.rate : null };
      });
      period = quarterText(quarterOfMonth(input.month));
    } else {
      trend = months.map((m) => ({ label: monthText(m), value: valueOf(monthValue(id, input, m)) }));
    }
    if (id === 'registrationRate') {
      // The same figure as the customer file's data-quality panel: every purchase on file.
      const r = input.purchases.registration;
      counted = { part: r.buyersWithFile, whole: r.allBuyers };
      period = 'all';
    }
    const value = valueOf(counted);
    return {
      id,
      period,
      value,
      count: counted && !('money' in counted) ? counted : null,
      target: s.target,
      alert: s.alert,
      status: kpiStatus(value, s.target, s.alert, def.higherIsBetter),
      front: s.front,
      trend,
    };
  });
}

/** The board's month: the month of the last purchase, else of today. */
export function boardMonth(lastPurchaseDay: number | null, today: number): MonthIndex {
  return monthOfDay(lastPurchaseDay ?? today);
}
