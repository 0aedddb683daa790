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
export function rankAbc(ids: Float64Array, sales: Float64Array, cuts: AbcCuts): RankedAbc {
  return classifyRanking(rankBySales(ids, sales), cuts);
}

/** The part of the ABC ranking no cut changes: kept by the analysis engine, so a new cut is one pass. */
export interface SalesRanking {
  /** Input index of the customer at each rank (0 = best): sales descending, ties by id ascending. */
  order: Uint32Array;
  /** Sales at each rank. */
  ranked: Float64Array;
  /** Cumulative share of sales up to and including each rank. */
  cumulativeShare: Float64Array;
  /** Sum of the positive sales. */
  total: number;
}

export function rankBySales(ids: Float64Array, sales: Float64Array): SalesRanking {
  const n = sales.length;
  const order = orderBySalesThenId(ids, sales);
  const ranked = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) if ((sales[i] as number) > 0) total += sales[i] as number;
  const shareOf = (x: number) => (total > 0 ? x / total : 0);
  const cumulativeShare = new Float64Array(n);
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    const s = sales[order[k]!]!;
    ranked[k] = s;
    if (s > 0) cumulative += s;
    cumulativeShare[k] = shareOf(cumulative);
  }
  return { order, ranked, cumulativeShare, total };
}

/** The classes of a ranking under `cuts` (validated): A while the share before the customer is < a, B while < b. */
export function classifyRanking(ranking: SalesRanking, { a, b }: AbcCuts): RankedAbc {
  const { order, ranked, cumulativeShare, total } = ranking;
  const n = ranked.length;
  const shareOf = (x: number) => (total > 0 ? x / total : 0);
  const abc = new Uint8Array(n);
  const tallyCustomers = [0, 0, 0];
  const tallySales = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    const s = ranked[k]!;
    // The share of the customers ranked before: the cumulative share one rank up (0 at the top).
    const before = k === 0 ? shareOf(0) : cumulativeShare[k - 1]!;
    const c = s <= 0 ? 2 : before < a ? 0 : before < b ? 1 : 2;
    abc[k] = c;
    tallyCustomers[c]!++;
    tallySales[c]! += s;
  }
  const classes = ABC_CLASSES.map((abc, c) => ({
    abc,
    customers: tallyCustomers[c]!,
    customerShare: n > 0 ? tallyCustomers[c]! / n : 0,
    sales: tallySales[c]!,
    salesShare: shareOf(tallySales[c]!),
  }));
  return { order, abc, cumulativeShare, classes, total };
}

/**
 * Indexes by sales descending, ties by id ascending: a stable radix sort of the sales' bit patterns
 * (four passes of 16 bits) over the indexes put in id order first. 100,000 customers take a few
 * milliseconds, where a comparison sort takes tens.
 */
function orderBySalesThenId(ids: Float64Array, sales: Float64Array): Uint32Array {
  const n = sales.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = ids[i - 1]! < ids[i]!;
  if (!ascending) order = Uint32Array.from(Array.from(order).sort((i, j) => ids[i]! - ids[j]!));
  // Sort keys: −sales as an unsigned 64-bit pattern that orders as the number does (+0 for −0).
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    bits[0] = -sales[i]! + 0;
    const negative = words[1]! >>> 31 === 1;
    hi[i] = negative ? ~words[1]! >>> 0 : (words[1]! | 0x8000_0000) >>> 0;
    lo[i] = negative ? ~words[0]! >>> 0 : words[0]!;
  }
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65_536);
  for (const [keys, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(keys[order[k]!]! >>> shift) & 0xffff]!++;
    let at = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d]!;
      counts[d] = at;
      at += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[counts[(keys[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
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
