/**
 * ABC by customer class over the store's customers (domain.md §3, seed 001): subtotal per class
 * (wholesale, retail, …), its share of the total, and the A/B/C split inside each class with each
 * part's share of the class and of the total. Net spend, as the customer ABC.
 */
import type { CustomerStats } from '../customers/stats';
import { ok, type Result } from '../result';
import { abcByClass, type AbcClass, type AbcCuts, type AbcError } from './abc';

/** Customers whose file names no class. Not one of the customer classes. */
export const UNCLASSIFIED = 'unclassified';

export interface ClassPart {
  abc: AbcClass;
  customers: number;
  /** Yuan. */
  sales: number;
  shareOfClass: number;
  shareOfTotal: number;
}

export interface ClassAbcRow {
  customerClass: string;
  customers: number;
  /** Subtotal, yuan. */
  sales: number;
  shareOfTotal: number;
  /** The class's own grade when the classes are ranked by subtotal. */
  abc: AbcClass;
  /** A, B, C inside the class (always all three). */
  parts: ClassPart[];
}

export interface ClassAbcOutcome {
  /** Biggest subtotal first. */
  classes: ClassAbcRow[];
  /** Sum of the positive class subtotals, yuan: the denominator of every share. */
  total: number;
}

/** `classOf`: customer id → class; customers missing from it are UNCLASSIFIED. */
export function runAbcByClass(stats: CustomerStats, classOf: Readonly<Record<number, string>>, cuts: AbcCuts): Result<ClassAbcOutcome, AbcError> {
  const r = abcByClass(
    Array.from(stats.ids, (id, i) => ({ customerClass: classOf[id] || UNCLASSIFIED, sales: stats.amount[i]! / 100 })),
    cuts,
  );
  if (!r.ok) return r;
  const { total } = r.value;
  const classes = r.value.classes.map((c) => ({
    customerClass: c.customerClass,
    customers: c.rows,
    sales: c.sales,
    shareOfTotal: c.share,
    abc: c.abc,
    // The table inside a class divides by the class's positive sales, as abcClasses does.
    parts: c.table.map((p) => ({ abc: p.abc, customers: p.customers, sales: p.sales, shareOfClass: p.salesShare, shareOfTotal: total > 0 ? p.sales / total : 0 })),
  }));
  return ok({ classes, total });
}
