/**
 * Auto tags (自动标签): a tag given to every customer a rule picks, re-evaluated on demand.
 * Rules: 累计金额 ≥ X, 消费次数 ≥ N, 沉睡 ≥ D 天 (last purchase D or more days ago; a customer
 * who never bought is not asleep but a prospect), tier (churned customers have none), segment.
 */
import type { CustomerFacts } from './facts';

export type AutoRule =
  | { kind: 'amountAtLeast'; yuan: number }
  | { kind: 'ordersAtLeast'; orders: number }
  | { kind: 'dormantDays'; days: number }
  | { kind: 'tier'; tier: 'A' | 'B' | 'C' }
  | { kind: 'segment'; segment: string };

export interface AutoTag {
  tagId: string;
  rule: AutoRule;
}

export function ruleMatches(rule: AutoRule, f: CustomerFacts): boolean {
  switch (rule.kind) {
    case 'amountAtLeast':
      return f.amount >= Math.round(rule.yuan * 100);
    case 'ordersAtLeast':
      return f.orders >= rule.orders;
    case 'dormantDays':
      return f.recencyDays !== null && f.recencyDays >= rule.days;
    case 'tier':
      return !f.churned && f.tier === rule.tier;
    case 'segment':
      return f.segment === rule.segment;
  }
}

export type AutoRuleError = { code: 'tags.ruleValue'; kind: AutoRule['kind'] };

/** Amounts, counts and days are whole, non-negative numbers (amounts may have fen). */
export function validateRule(rule: AutoRule): AutoRuleError | null {
  const bad = { code: 'tags.ruleValue' as const, kind: rule.kind };
  switch (rule.kind) {
    case 'amountAtLeast':
      return Number.isFinite(rule.yuan) && rule.yuan >= 0 ? null : bad;
    case 'ordersAtLeast':
      return Number.isInteger(rule.orders) && rule.orders >= 1 ? null : bad;
    case 'dormantDays':
      return Number.isInteger(rule.days) && rule.days >= 1 ? null : bad;
    case 'tier':
      return ['A', 'B', 'C'].includes(rule.tier) ? null : bad;
    case 'segment':
      return rule.segment ? null : bad;
  }
}

/** Each auto tag's members: customer ids, ascending. Two rules on one tag give it to either's customers. */
export function evaluateAutoTags(autoTags: readonly AutoTag[], customers: readonly { id: number; facts: CustomerFacts }[]): Map<string, number[]> {
  const members = new Map<string, Set<number>>(autoTags.map((a) => [a.tagId, new Set()]));
  for (const a of autoTags) {
    const set = members.get(a.tagId)!;
    for (const c of customers) if (ruleMatches(a.rule, c.facts)) set.add(c.id);
  }
  return new Map([...members].map(([tag, ids]) => [tag, [...ids].sort((x, y) => x - y)]));
}
