/**
 * ABC / Pareto analysis (domain.md §3, seed 001): rank customers by sales; A ≈ the top
 * customers making ~80 % of sales, B the next ~15 %, C the rest.
 *
 * The rule, exactly: rank by sales descending, ties by id ascending. A customer is A when the
 * cumulative share of the customers ranked BEFORE them is < a (so the customer who crosses 80 %
 * is still A), else B when it is < b, else C. Customers with sales ≤ 0 are always C.
 *
 * Shares divide by the sum of the positive sales. A customer with sales ≤ 0 (nothing bought, or
 * net refunds) is ranked after every buyer and adds nothing to the cumulative share, so a refund
 * never lowers anyone else's share. Without negative sales every share is the plain x ÷ total.
 * Cumulative sums are exact for whole-number sales (fen) below 2^53, and share = sum ÷ total is
 * then the correctly rounded quotient: 80/100 compares equal to the cut 0.8.
 */
import { err, ok, type Result } from '../result';

export type AbcClass = 'A' | 'B' | 'C';
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];

export interface AbcCuts {
  a: number;
  b: number;
}
export const DEFAULT_ABC_CUTS: AbcCuts = { a: 0.8, b: 0.95 };

export interface AbcInput {
  id: number;
  sales: number;
}

export interface AbcCustomer {
  id: number;
  sales: number;
  /** 1-based position in the ranking. */
  rank: number;
  abc: AbcClass;
  /** sales ÷ total (negative for net refunds). */
  share: number;
  /** Share of the customers ranked up to and including this one (the Pareto curve's y). */
  cumulativeShare: number;
}

export interface AbcClassRow {
  abc: AbcClass;
  customers: number;
  /** customers ÷ all customers. */
  customerShare: number;
  /** Sum of the class's sales as given (net refunds included). */
  sales: number;
  /** sales ÷ total. */
  salesShare: number;
}

export interface ParetoPoint {
  /** rank ÷ customers. */
  customerShare: number;
  salesShare: number;
}

export interface AbcResult {
  /** Ranked: best first. */
  customers: AbcCustomer[];
  /** Always A, B, C, also when a class is empty. */
  classes: AbcClassRow[];
  /** (0, 0), then one point per ranked customer. */
  pareto: ParetoPoint[];
  /** Sum of the positive sales: the denominator of every share. */
  total: number;
}

export type AbcError =
  | { code: 'abc.badCuts'; a: number; b: number }
  | { code: 'abc.notFinite'; row: number; id: number };

/** 0 < a < b ≤ 1, both finite. */
export function validateAbcCuts(cuts: AbcCuts): Result<AbcCuts, AbcError> {
  const { a, b } = cuts;
  const good = typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) && a > 0 && a < b && b <= 1;
  return good ? ok({ a, b }) : err({ code: 'abc.badCuts', a, b });
}

export function abcClasses(values: readonly AbcInput[], cuts: AbcCuts = DEFAULT_ABC_CUTS): Result<AbcResult, AbcError> {
  const checked = validateAbcCuts(cuts);
  if (!checked.ok) return checked;
  const n = values.length;
  const sales = new Float64Array(n);
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as AbcInput;
    if (!Number.isFinite(v.sales)) return err({ code: 'abc.notFinite', row: i, id: v.id });
    sales[i] = v.sales;
    ids[i] = v.id;
  }
  const ranked = rankAbc(ids, sales, checked.value);
  const { order, abc, cumulativeShare, total } = ranked;
  const shareOf = (x: number) => (total > 0 ? x / total : 0);
  const customers = new Array<AbcCustomer>(n);
  const pareto: ParetoPoint[] = [{ customerShare: 0, salesShare: 0 }];
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const s = sales[i] as number;
    customers[k] = { id: ids[i] as number, sales: s, rank: k + 1, abc: ABC_CLASSES[abc[k] as number] as AbcClass, share: shareOf(s), cumulativeShare: cumulativeShare[k] as number };
    pareto.push({ customerShare: (k + 1) / n, salesShare: cumulativeShare[k] as number });
  }
  return ok({ customers, classes: ranked.classes, pareto, total });
}

/** abcClasses as columns, by rank: no object per customer. */
export interface RankedAbc {
  /** Input index of the customer at each rank (0 = best). */
  order: Uint32Array;
  /** Class at each rank: 0 A, 1 B, 2 C (an index into ABC_CLASSES). */
  abc: Uint8Array;
  /** Cumulative share of sales up to and including each rank. */
  cumulativeShare: Float64Array;
  classes: AbcClassRow[];
  total: number;
}

/** abcClasses' rule over finite sales aligned with ids, with cuts already validated. */
export function rankAbc(ids: Float64Array, sales: Float64Array, { a, b }: AbcCuts): RankedAbc {
  const n = sales.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (sales[j] as number) - (sales[i] as number) || (ids[i] as number) - (ids[j] as number));

  let total = 0;
  for (let i = 0; i < n; i++) if ((sales[i] as number) > 0) total += sales[i] as number;
  const shareOf = (x: number) => (total > 0 ? x / total : 0);

  const ranked = { order: Uint32Array.from(order), abc: new Uint8Array(n), cumulativeShare: new Float64Array(n) };
  const tallyCustomers = [0, 0, 0];
  const tallySales = [0, 0, 0];
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    const s = sales[order[k] as number] as number;
    const before = shareOf(cumulative);
    const abc = s <= 0 ? 2 : before < a ? 0 : before < b ? 1 : 2;
    if (s > 0) cumulative += s;
    ranked.abc[k] = abc;
    ranked.cumulativeShare[k] = shareOf(cumulative);
    tallyCustomers[abc]!++;
    tallySales[abc]! += s;
  }
  const classes = ABC_CLASSES.map((abc, c) => ({
    abc,
    customers: tallyCustomers[c]!,
    customerShare: n > 0 ? tallyCustomers[c]! / n : 0,
    sales: tallySales[c]!,
    salesShare: shareOf(tallySales[c]!),
  }));
  return { ...ranked, classes, total };
}

export interface ClassSalesInput {
  /** Wholesale, retail, agent, franchise, chain, speciality … (domain.md §3). */
  customerClass: string;
  sales: number;
}

export interface CustomerClassAbc {
  customerClass: string;
  /** Input rows in the class. */
  rows: number;
  /** Subtotal (net). */
  sales: number;
  /** Subtotal ÷ total. */
  share: number;
  /** The classes themselves ranked and cut by the same rule (ties by class name). */
  rank: number;
  abc: AbcClass;
  cumulativeShare: number;
  /** ABC of the class's own rows. */
  table: AbcClassRow[];
}

export interface ClassRowAbc {
  /** Index in the input. */
  row: number;
  customerClass: string;
  sales: number;
  /** sales ÷ the class's positive sales. */
  shareOfClass: number;
  /** sales ÷ total. */
  shareOfTotal: number;
  /** ABC within the class (ties by input order). */
  abc: AbcClass;
  rankInClass: number;
  cumulativeShareInClass: number;
}

export interface AbcByClassResult {
  /** Ranked: biggest class first. */
  classes: CustomerClassAbc[];
  /** Input order. */
  rows: ClassRowAbc[];
  /** Sum of the positive class subtotals. */
  total: number;
}

/** Subtotal per customer class, its share of the total, the classes' ABC, and ABC within each class. */
export function abcByClass(rows: readonly ClassSalesInput[], cuts: AbcCuts = DEFAULT_ABC_CUTS): Result<AbcByClassResult, AbcError> {
  const checked = validateAbcCuts(cuts);
  if (!checked.ok) return checked;
  const members = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ClassSalesInput;
    if (!Number.isFinite(row.sales)) return err({ code: 'abc.notFinite', row: i, id: i });
    const list = members.get(row.customerClass);
    if (list) list.push(i);
    else members.set(row.customerClass, [i]);
  }
  // Ids in name order, so equal subtotals rank by class name.
  const names = [...members.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const subtotal = (name: string) => (members.get(name) as number[]).reduce((sum, i) => sum + (rows[i] as ClassSalesInput).sales, 0);
  const ranked = abcClasses(
    names.map((name, id) => ({ id, sales: subtotal(name) })),
    cuts,
  );
  if (!ranked.ok) return ranked;
  const { total } = ranked.value;

  const out = new Array<ClassRowAbc>(rows.length);
  const classes: CustomerClassAbc[] = ranked.value.customers.map((c) => {
    const customerClass = names[c.id] as string;
    const indices = members.get(customerClass) as number[];
    const within = abcClasses(
      indices.map((i) => ({ id: i, sales: (rows[i] as ClassSalesInput).sales })),
      cuts,
    );
    if (!within.ok) throw new Error('unreachable: cuts and sales already checked');
    for (const r of within.value.customers) {
      out[r.id] = {
        row: r.id,
        customerClass,
        sales: r.sales,
        shareOfClass: r.share,
        shareOfTotal: total > 0 ? r.sales / total : 0,
        abc: r.abc,
        rankInClass: r.rank,
        cumulativeShareInClass: r.cumulativeShare,
      };
    }
    return { customerClass, rows: indices.length, sales: c.sales, share: c.share, rank: c.rank, abc: c.abc, cumulativeShare: c.cumulativeShare, table: within.value.classes };
  });
  return ok({ classes, rows: out, total });
}
