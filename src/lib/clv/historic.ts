/**
 * Historic value per customer from what he bought (lib/customers/stats), and a simple forward
 * estimate anyone can check by hand:
 * - revenue = net spend to date (returns deducted); profit = revenue × the store's margin;
 * - tenure = days from the first purchase to the as-of day; purchases (orders) per year =
 *   orders ÷ max(tenure, 1 year), so a customer of three weeks is not "17 purchases a year";
 * - value per year = revenue ÷ max(tenure, 1 year);
 * - forward estimate = value per year over the expected remaining years, each year discounted:
 *   Σ_{y=1..N} v / (1 + r)^y (a fractional last year counts in proportion), and 0 for a customer
 *   whose last purchase is older than `lapsedAfterDays` (he is treated as lost).
 */
import { lastPurchaseOf, type CustomerStats } from '../customers/stats';

export interface HistoricSettings {
  /** Store margin on sales, 0–1. */
  margin: number;
  expectedYears: number;
  /** Yearly discount rate, 0–1. */
  discountRate: number;
  lapsedAfterDays: number;
}

export const defaultHistoricSettings: HistoricSettings = { margin: 0.3, expectedYears: 3, discountRate: 0.08, lapsedAfterDays: 365 };

const YEAR_DAYS = 365.25;

export interface HistoricRow {
  id: number;
  firstDay: number;
  lastDay: number;
  tenureDays: number;
  orders: number;
  /** fen */
  revenue: number;
  profit: number;
  averageOrder: number;
  ordersPerYear: number;
  valuePerYear: number;
  lapsed: boolean;
  /** Forward estimate of revenue and profit, fen. */
  forwardRevenue: number;
  forwardProfit: number;
}

/** Present value of `perYear` paid at the end of each of `years` years (fractional last year pro rata). */
export function discountedYears(perYear: number, years: number, rate: number): number {
  let total = 0;
  const whole = Math.floor(years);
  for (let y = 1; y <= whole; y++) total += perYear / (1 + rate) ** y;
  const part = years - whole;
  if (part > 0) total += (perYear * part) / (1 + rate) ** (whole + 1);
  return total;
}

export function historicValues(stats: CustomerStats, asOfDay: number, settings: HistoricSettings): HistoricRow[] {
  const rows: HistoricRow[] = [];
  for (let i = 0; i < stats.ids.length; i++) {
    const revenue = stats.amount[i]!;
    const orders = stats.orders[i]!;
    const tenureDays = Math.max(0, asOfDay - stats.firstDay[i]!);
    const years = Math.max(tenureDays, YEAR_DAYS) / YEAR_DAYS;
    const valuePerYear = revenue / years;
    // 最近购买 as everywhere (lib/metrics): a return is no purchase; a customer with only returns keeps their last line's day.
    const lastDay = lastPurchaseOf(stats, i) ?? stats.lastDay[i]!;
    const lapsed = asOfDay - lastDay > settings.lapsedAfterDays;
    const forwardRevenue = lapsed ? 0 : Math.round(discountedYears(valuePerYear, settings.expectedYears, settings.discountRate));
    rows.push({
      id: stats.ids[i]!,
      firstDay: stats.firstDay[i]!,
      lastDay,
      tenureDays,
      orders,
      revenue,
      profit: Math.round(revenue * settings.margin),
      averageOrder: orders > 0 ? Math.round(revenue / orders) : 0,
      ordersPerYear: orders / years,
      valuePerYear: Math.round(valuePerYear),
      lapsed,
      forwardRevenue,
      forwardProfit: Math.round(forwardRevenue * settings.margin),
    });
  }
  return rows;
}

/** Totals for the table's foot. */
export function historicTotals(rows: readonly HistoricRow[]) {
  let revenue = 0;
  let profit = 0;
  let forwardRevenue = 0;
  let forwardProfit = 0;
  for (const r of rows) {
    revenue += r.revenue;
    profit += r.profit;
    forwardRevenue += r.forwardRevenue;
    forwardProfit += r.forwardProfit;
  }
  return { customers: rows.length, revenue, profit, forwardRevenue, forwardProfit };
}

/** Historic rows as columns: 100,000 rows cross from the worker as a few buffers, not 100,000 objects to clone. */
export interface PackedHistoric {
  ids: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  tenureDays: Int32Array;
  orders: Float64Array;
  revenue: Float64Array;
  profit: Float64Array;
  averageOrder: Float64Array;
  ordersPerYear: Float64Array;
  valuePerYear: Float64Array;
  lapsed: Uint8Array;
  forwardRevenue: Float64Array;
  forwardProfit: Float64Array;
  names: string[];
}

const intColumns = ['firstDay', 'lastDay', 'tenureDays'] as const;
const numberColumns = ['orders', 'revenue', 'profit', 'averageOrder', 'ordersPerYear', 'valuePerYear', 'forwardRevenue', 'forwardProfit'] as const;

/** Packs named rows in the order given (the worker hands them over largest revenue first, the screen's first order). */
export function packHistoric(rows: readonly (HistoricRow & { name: string })[]): PackedHistoric {
  const n = rows.length;
  const packed = { ids: new Int32Array(n), lapsed: new Uint8Array(n), names: new Array<string>(n) } as PackedHistoric;
  for (const k of intColumns) packed[k] = new Int32Array(n);
  for (const k of numberColumns) packed[k] = new Float64Array(n);
  rows.forEach((r, i) => {
    packed.ids[i] = r.id;
    packed.lapsed[i] = r.lapsed ? 1 : 0;
    packed.names[i] = r.name;
    for (const k of intColumns) packed[k][i] = r[k];
    for (const k of numberColumns) packed[k][i] = r[k];
  });
  return packed;
}

export function unpackHistoric(p: PackedHistoric): (HistoricRow & { name: string })[] {
  const rows = new Array<HistoricRow & { name: string }>(p.ids.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      id: p.ids[i]!,
      name: p.names[i]!,
      firstDay: p.firstDay[i]!,
      lastDay: p.lastDay[i]!,
      tenureDays: p.tenureDays[i]!,
      orders: p.orders[i]!,
      revenue: p.revenue[i]!,
      profit: p.profit[i]!,
      averageOrder: p.averageOrder[i]!,
      ordersPerYear: p.ordersPerYear[i]!,
      valuePerYear: p.valuePerYear[i]!,
      lapsed: p.lapsed[i] === 1,
      forwardRevenue: p.forwardRevenue[i]!,
      forwardProfit: p.forwardProfit[i]!,
    };
  }
  return rows;
}

/** historicTotals over packed rows: the screen reads the columns as they came, never 100,000 objects. */
export function packedHistoricTotals(p: PackedHistoric) {
  const sum = (column: Float64Array) => {
    let total = 0;
    for (let i = 0; i < column.length; i++) total += column[i]!;
    return total;
  };
  return { customers: p.ids.length, revenue: sum(p.revenue), profit: sum(p.profit), forwardRevenue: sum(p.forwardRevenue), forwardProfit: sum(p.forwardProfit) };
}

/** The buffers to transfer with a packed answer. */
export const historicBuffers = (p: PackedHistoric): ArrayBuffer[] => [p.ids, p.lapsed, ...intColumns.map((k) => p[k]), ...numberColumns.map((k) => p[k])].map((a) => a.buffer as ArrayBuffer);

/** Saved settings read back field by field: a missing or out-of-range field takes the default. */
export function checkHistoricSettings(raw: unknown): HistoricSettings {
  const r = (raw ?? {}) as Partial<Record<keyof HistoricSettings, unknown>>;
  const pick = (key: keyof HistoricSettings, min: number, max: number) => {
    const v = r[key];
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : defaultHistoricSettings[key];
  };
  return { margin: pick('margin', 0, 1), expectedYears: pick('expectedYears', 0, 50), discountRate: pick('discountRate', 0, 1), lapsedAfterDays: pick('lapsedAfterDays', 1, 3650) };
}
