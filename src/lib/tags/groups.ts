/**
 * Saved customer groups (客群): a named filter over customer fields, tags, purchase figures
 * (最近消费距今天数, 消费次数, 累计金额, 客单价), tier and RFM segment, optionally leaving out
 * customers contacted in the last N days. Its members are the 触达名单 a shop exports to call,
 * message on 企业微信 or text; Keqing itself sends nothing.
 */
import type { Customer } from '../customers/customer';
import { err, ok, type Result } from '../result';
import type { CustomerFacts } from './facts';

export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

export interface GroupFilter {
  /** Has at least one of these tags (hand or auto). */
  tagsAny?: string[];
  /** Has none of these tags. */
  tagsNone?: string[];
  gender?: 'F' | 'M';
  /** Part of the region text (城市 / 省份). */
  region?: string;
  level?: string;
  customerClass?: Customer['customerClass'];
  /** Days since the last purchase; customers who never bought are outside any recency range. */
  recencyDays?: Range;
  orders?: Range;
  /** Yuan. */
  amount?: Range;
  /** 客单价, yuan. */
  averageOrder?: Range;
  tiers?: ('A' | 'B' | 'C')[];
  segments?: string[];
  /** Leave out customers contacted in the last N days (today included). */
  notContactedDays?: number;
  /** Only customers with a phone (a call or SMS list needs one). */
  withPhone?: boolean;
}

export interface SavedGroup {
  id: string;
  name: string;
  filter: GroupFilter;
  /** ISO instant. */
  updatedAt: string;
}

export type GroupError = { code: 'groups.nameEmpty' } | { code: 'groups.badRange'; field: keyof GroupFilter } | { code: 'groups.badDays' };

const RANGES = ['recencyDays', 'orders', 'amount', 'averageOrder'] as const;

export function validateGroup(name: string, filter: GroupFilter): Result<{ name: string; filter: GroupFilter }, GroupError> {
  const trimmed = name.trim();
  if (trimmed === '') return err({ code: 'groups.nameEmpty' });
  for (const field of RANGES) {
    const r = filter[field];
    if (!r) continue;
    const bad = [r.min, r.max].some((v) => v !== undefined && (!Number.isFinite(v) || v < 0));
    if (bad || (r.min !== undefined && r.max !== undefined && r.min > r.max)) return err({ code: 'groups.badRange', field });
  }
  const days = filter.notContactedDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) return err({ code: 'groups.badDays' });
  return ok({ name: trimmed, filter });
}

const inRange = (value: number, r: Range | undefined) => !r || ((r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max));

/**
 * Whether a customer is in the group. `tags`: the customer's hand and auto tags together.
 * Money ranges are in yuan, compared with fen facts; recency needs a purchase.
 */
export function inGroup(customer: Customer, tags: ReadonlySet<string>, facts: CustomerFacts, filter: GroupFilter, today: number): boolean {
  const f = filter;
  if (f.withPhone && !customer.phone) return false;
  if (f.tagsAny?.length && !f.tagsAny.some((t) => tags.has(t))) return false;
  if (f.tagsNone?.some((t) => tags.has(t))) return false;
  if (f.gender && customer.gender !== f.gender) return false;
  if (f.region && !(customer.region ?? '').includes(f.region)) return false;
  if (f.level && customer.level !== f.level) return false;
  if (f.customerClass && customer.customerClass !== f.customerClass) return false;
  if (f.recencyDays && (facts.recencyDays === null || !inRange(facts.recencyDays, f.recencyDays))) return false;
  if (!inRange(facts.orders, f.orders)) return false;
  if (!inRange(facts.amount / 100, f.amount)) return false;
  if (!inRange(facts.averageOrder / 100, f.averageOrder)) return false;
  if (f.tiers?.length && (facts.churned || !facts.tier || !f.tiers.includes(facts.tier))) return false;
  if (f.segments?.length && (!facts.segment || !f.segments.includes(facts.segment))) return false;
  if (f.notContactedDays && facts.lastContact !== null && today - facts.lastContact < f.notContactedDays) return false;
  return true;
}
