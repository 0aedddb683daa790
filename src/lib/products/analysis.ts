/**
 * Product analyses of seed 001 (domain.md §8): sales composition (sorted by sales, share,
 * cumulative share, against targets), gross margin (sorted by gross profit, margin %), and
 * turnover = sales ÷ average inventory, average = (opening + closing) ÷ 2.
 * Stock is counted in units, so turnover is units sold ÷ average units held; at a constant unit
 * cost this is the same ratio as cost of sales ÷ average inventory at cost.
 */
import type { Product } from '../customers/customer';
import type { ItemSales } from './sales';

export interface CompositionRow {
  code: string;
  name: string;
  amount: number;
  quantity: number;
  /** Of the period's total net sales; null when the total is not positive. */
  share: number | null;
  cumulativeShare: number | null;
  /** The product's sales target for the period, fen. */
  target: number | null;
  /** amount ÷ target. */
  ofTarget: number | null;
}

const nameOf = (products: ReadonlyMap<string, Product>, code: string) => products.get(code)?.name ?? '';
const byCode = (products: readonly Product[]) => new Map(products.map((p) => [p.code, p]));
/** Ties in order of code, so the same data always gives the same table. */
const byCodeThen = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function salesComposition(sales: readonly ItemSales[], products: readonly Product[]): { rows: CompositionRow[]; total: number } {
  const map = byCode(products);
  const total = sales.reduce((s, i) => s + i.amount, 0);
  const sorted = [...sales].sort((a, b) => b.amount - a.amount || byCodeThen(a, b));
  let running = 0;
  const rows = sorted.map((s): CompositionRow => {
    running += s.amount;
    const target = map.get(s.code)?.target ?? null;
    return {
      code: s.code,
      name: nameOf(map, s.code),
      amount: s.amount,
      quantity: s.quantity,
      share: total > 0 ? s.amount / total : null,
      cumulativeShare: total > 0 ? running / total : null,
      target,
      ofTarget: target ? s.amount / target : null,
    };
  });
  return { rows, total };
}

export interface MarginRow {
  code: string;
  name: string;
  amount: number;
  quantity: number;
  /** Unit cost × units sold, fen; null when the cost is unknown. */
  costOfSales: number | null;
  grossProfit: number | null;
  /** Gross profit ÷ sales; null when either is unknown or sales are not positive. */
  margin: number | null;
}

/** Sorted by gross profit (largest first); products without a cost come last, by sales. */
export function grossMargins(sales: readonly ItemSales[], products: readonly Product[]): MarginRow[] {
  const map = byCode(products);
  const rows = sales.map((s): MarginRow => {
    const cost = map.get(s.code)?.cost;
    const costOfSales = cost === undefined ? null : Math.round(cost * s.quantity);
    const grossProfit = costOfSales === null ? null : s.amount - costOfSales;
    return {
      code: s.code,
      name: nameOf(map, s.code),
      amount: s.amount,
      quantity: s.quantity,
      costOfSales,
      grossProfit,
      margin: grossProfit !== null && s.amount > 0 ? grossProfit / s.amount : null,
    };
  });
  return rows.sort((a, b) => {
    if (a.grossProfit === null || b.grossProfit === null) return Number(a.grossProfit === null) - Number(b.grossProfit === null) || b.amount - a.amount || byCodeThen(a, b);
    return b.grossProfit - a.grossProfit || byCodeThen(a, b);
  });
}

export interface TurnoverRow {
  code: string;
  name: string;
  quantity: number;
  stockOpen: number;
  stockClose: number;
  averageStock: number;
  /** Units sold ÷ average stock; null when the average is 0. */
  turnover: number | null;
}

export const averageInventory = (opening: number, closing: number) => (opening + closing) / 2;

export function turnoverRate(sold: number, opening: number, closing: number): number | null {
  const average = averageInventory(opening, closing);
  return average > 0 ? sold / average : null;
}

/** Products with both stock counts, fastest first; products sold but never stocked are not listed. */
export function turnover(sales: readonly ItemSales[], products: readonly Product[]): TurnoverRow[] {
  const sold = new Map(sales.map((s) => [s.code, s.quantity]));
  return products
    .filter((p) => p.stockOpen !== undefined && p.stockClose !== undefined)
    .map((p): TurnoverRow => {
      const quantity = sold.get(p.code) ?? 0;
      return {
        code: p.code,
        name: p.name,
        quantity,
        stockOpen: p.stockOpen!,
        stockClose: p.stockClose!,
        averageStock: averageInventory(p.stockOpen!, p.stockClose!),
        turnover: turnoverRate(quantity, p.stockOpen!, p.stockClose!),
      };
    })
    .sort((a, b) => (b.turnover ?? -1) - (a.turnover ?? -1) || byCodeThen(a, b));
}
