/** Per customer, what the grade rule needs (lib/grades/rule), counted from the packed lines. */
import { customerStats, type CustomerStats } from '../customers/stats';
import { LineFlag, type PurchaseColumns } from '../purchases/columns';
import { scoreGrade, type GradeCuts, type GradeInput, type GradeScore } from './rule';

export interface GradeFacts {
  /** Customers who bought, ascending; the other arrays are aligned with it. */
  ids: Int32Array;
  amount: Float64Array;
  orders: Int32Array;
  premiumAmount: Float64Array;
}

/**
 * Spend and orders as the customer table counts them (lib/customers/stats); premium spend is the
 * net amount of the counted lines whose unit price (amount ÷ quantity) reaches the cut. A return
 * of a premium item (negative amount and quantity) has the same unit price, so it is deducted.
 */
export function gradeFacts(chunks: readonly PurchaseColumns[], premiumUnitPrice: number, stats: CustomerStats = customerStats(chunks)): GradeFacts {
  const at = new Map<number, number>();
  stats.ids.forEach((id, k) => at.set(id, k));
  const premium = new Float64Array(stats.ids.length);
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      if (id === 0 || c.flags[i]! & LineFlag.excluded) continue;
      const amount = c.amount[i]!;
      const qty = c.quantity[i]!;
      const unit = qty !== 0 ? Math.abs(amount / qty) : Math.abs(amount);
      if (unit < premiumUnitPrice) continue;
      const k = at.get(id);
      if (k !== undefined) premium[k]! += amount;
    }
  }
  return { ids: Int32Array.from(stats.ids), amount: Float64Array.from(stats.amount), orders: Int32Array.from(stats.orders), premiumAmount: premium };
}

export const inputAt = (facts: GradeFacts, k: number): GradeInput => ({ amount: facts.amount[k]!, orders: facts.orders[k]!, premiumAmount: facts.premiumAmount[k]! });

/** Every customer's score, in the order of `facts.ids`. */
export function scoreAll(facts: GradeFacts, cuts: GradeCuts): GradeScore[] {
  return Array.from(facts.ids, (_, k) => scoreGrade(inputAt(facts, k), cuts));
}
