/**
 * The metric functions that had no home before the dictionary (lib/metrics/definitions). Pure.
 * The others are the existing ones lib/metrics/functions points at.
 */
import { LineFlag } from '../purchases/columns';
import type { PurchaseKpis } from '../kpi/purchases';
import type { MonthIndex } from '../funnel/months';

/**
 * 消费积分（购买记录）: the points on one customer's purchase lines, returns' negative points
 * included, lines excluded at import left out (as the tier rules count imported points).
 */
export function pointsOnPurchases(lines: readonly { points?: number | null; flags?: number }[]): number {
  let sum = 0;
  for (const l of lines) if (!((l.flags ?? 0) & LineFlag.excluded) && l.points != null && !Number.isNaN(l.points)) sum += l.points;
  return sum;
}

/**
 * 平均客户价值 of the self-check and the time what-if: the month's spend per customer on file
 * (lib/kpi/purchases), null when the month was not counted or had no buyers on file.
 */
export function spendPerCustomerOf(kpis: PurchaseKpis, month: MonthIndex): number | null {
  return kpis.months.find((m) => m.month === month)?.spendPerCustomer ?? null;
}

/** 漏斗成交额（估算）: the self-check formula's sales, customers closed × average customer value (fen, rounded). */
export function funnelSalesEstimate(customersClosed: number, averageCustomerValue: number | null): number {
  return Math.round(customersClosed * (averageCustomerValue ?? 0));
}


/**
 * One customer's 单数, net spend and points on purchases from their lines, as the customer page
 * shows them: the same figures the customer table counts (lib/customers/stats orders, amount,
 * points), lines excluded at import left out; a line without an order no. is an order by itself.
 */
export function customerLineTotals(lines: readonly { orderNo?: string; amount: number; points?: number | null; flags?: number }[]): { orders: number; amount: number; points: number } {
  const orders = new Set<string>();
  let amount = 0;
  lines.forEach((l, i) => {
    if ((l.flags ?? 0) & LineFlag.excluded) return;
    orders.add(l.orderNo === undefined ? `#${i}` : `o${l.orderNo}`);
    amount += l.amount;
  });
  return { orders: orders.size, amount, points: pointsOnPurchases(lines) };
}
