/**
 * The needs segments' figures over the whole store, in one pass: each customer's facts (file fields,
 * purchase behaviour, value grade), their segment (by hand, else the first matching rule), and per
 * segment its customers, revenue and spread. The analysis engine runs it where the customers are;
 * the screen adds the resources (they change as the shop types its hourly cost).
 */
import type { Customer } from '../customers/customer';
import { lastPurchaseOf, type CustomerStats } from '../customers/stats';
import type { GradeFacts } from '../grades/facts';
import { customerFacts, type Behaviour, type LunarToSolar } from './facts';
import { assignCustomers, segmentTotals, type SegmentTotal } from './portfolio';
import type { NeedsSegment } from './segment';

export interface NeedsBreakdown {
  totals: Map<number, SegmentTotal>;
  /** Every customer's revenue, fen: the base of the shares of business. */
  totalRevenue: number;
  /** Customers on file. */
  customers: number;
  /** Of them, in a segment. */
  assigned: number;
}

/** Per customer who bought: behaviour for the rules, revenue for the shares (`premium` aligned with `stats` by id). */
export function behaviourOf(stats: CustomerStats, premium: Pick<GradeFacts, 'ids' | 'premiumAmount'>): { behaviour: Map<number, Behaviour>; revenueOf: Map<number, number>; total: number } {
  const behaviour = new Map<number, Behaviour>();
  const revenueOf = new Map<number, number>();
  let total = 0;
  for (let k = 0; k < stats.ids.length; k++) {
    const amount = stats.amount[k]!;
    const p = premium.ids[k] === stats.ids[k] ? premium.premiumAmount[k]! : 0;
    // 最近一次消费 (lib/metrics); a customer with returns only falls back to their last line's day.
    behaviour.set(stats.ids[k]!, { amount, orders: stats.orders[k]!, lastDay: lastPurchaseOf(stats, k) ?? stats.lastDay[k]!, premiumShare: amount > 0 ? Math.min(1, Math.max(0, p / amount)) : 0 });
    revenueOf.set(stats.ids[k]!, amount);
    total += amount;
  }
  return { behaviour, revenueOf, total };
}

export function needsBreakdown(
  customers: readonly Customer[],
  stats: CustomerStats,
  premium: Pick<GradeFacts, 'ids' | 'premiumAmount'>,
  grades: ReadonlyMap<number, string>,
  segments: readonly NeedsSegment[],
  today: number,
  toSolar?: LunarToSolar,
): NeedsBreakdown {
  const { behaviour, revenueOf, total } = behaviourOf(stats, premium);
  const list = customers.map((c) => ({ id: c.id, facts: customerFacts(c, behaviour.get(c.id), grades.get(c.id), today, toSolar) }));
  const members = assignCustomers(segments, list);
  let assigned = 0;
  for (const ids of members.values()) assigned += ids.length;
  return { totals: segmentTotals(members, revenueOf), totalRevenue: total, customers: customers.length, assigned };
}
