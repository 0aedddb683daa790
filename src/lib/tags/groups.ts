/**
 * Saved customer groups (客群): a named filter over customer fields, tags, purchase figures
 * (最近消费距今天数, 消费次数, 累计金额, 客单价), tier and RFM segment, optionally leaving out
 * customers contacted in the last N days. Its members are the 触达名单 a shop exports to call,
 * message on 企业微信 or text; Keqing itself sends nothing.
 */
import type { CsvCell } from '../csv/export';
import type { Customer } from '../customers/customer';
import { exportKeyCells } from '../customers/export-keys';
import { isoFromDay } from '../dates';
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

export interface GroupMember {
  customer: Customer;
  facts: CustomerFacts;
}

/** The group's members in the order of `customers` (the file's order); a customer without facts is left out. */
export function membersOf(customers: Iterable<Customer>, tagsOf: ReadonlyMap<number, ReadonlySet<string>>, facts: ReadonlyMap<number, CustomerFacts>, filter: GroupFilter, today: number): GroupMember[] {
  const none = new Set<string>();
  const out: GroupMember[] = [];
  for (const c of customers) {
    const f = facts.get(c.id);
    if (f && inGroup(c, tagsOf.get(c.id) ?? none, f, filter, today)) out.push({ customer: c, facts: f });
  }
  return out;
}

/** No segment in `PackedGroup.segment`. */
export const NO_SEGMENT = 0xffff;
const TIERS = ['', 'A', 'B', 'C'] as const;

/**
 * A group's members as the screen shows them, in columns rather than an object per member: the
 * engine works the group out and 100,000 members cross to the page as a few arrays.
 */
export interface PackedGroup {
  ids: Int32Array;
  /** Days since the last purchase; NaN: never bought. */
  recency: Float64Array;
  orders: Int32Array;
  /** Fen. */
  amount: Float64Array;
  /** The tier shown: 0 none (a churned customer shows none), 1 A, 2 B, 3 C. */
  tier: Uint8Array;
  /** Index into `segments`, or NO_SEGMENT. */
  segment: Uint16Array;
  segments: string[];
  /** As on file ('' when absent): the screen masks them as it shows them. One text per column, not 100,000 strings to clone. */
  names: PackedTexts;
  externalIds: PackedTexts;
  phones: PackedTexts;
}

/** Many strings as one: string i is text.slice(ends[i − 1] ?? 0, ends[i]). */
export interface PackedTexts {
  text: string;
  ends: Int32Array;
}

export function packTexts(list: readonly string[]): PackedTexts {
  const ends = new Int32Array(list.length);
  let at = 0;
  list.forEach((s, i) => (ends[i] = at += s.length));
  return { text: list.join(''), ends };
}

export const textAt = (p: PackedTexts, i: number): string => p.text.slice(i > 0 ? p.ends[i - 1]! : 0, p.ends[i]!);

export function packGroup(members: readonly GroupMember[]): PackedGroup {
  const n = members.length;
  const empty = packTexts([]);
  const p: PackedGroup = { ids: new Int32Array(n), recency: new Float64Array(n), orders: new Int32Array(n), amount: new Float64Array(n), tier: new Uint8Array(n), segment: new Uint16Array(n), segments: [], names: empty, externalIds: empty, phones: empty };
  const names = new Array<string>(n);
  const externalIds = new Array<string>(n);
  const phones = new Array<string>(n);
  const segmentAt = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const { customer: c, facts: f } = members[i]!;
    p.ids[i] = c.id;
    p.recency[i] = f.recencyDays ?? Number.NaN;
    p.orders[i] = f.orders;
    p.amount[i] = f.amount;
    p.tier[i] = f.churned || !f.tier ? 0 : TIERS.indexOf(f.tier);
    let s = NO_SEGMENT;
    if (f.segment !== null) {
      s = segmentAt.get(f.segment) ?? p.segments.length;
      if (s === p.segments.length) {
        segmentAt.set(f.segment, s);
        p.segments.push(f.segment);
      }
    }
    p.segment[i] = s;
    names[i] = c.name ?? '';
    externalIds[i] = c.externalId ?? '';
    phones[i] = c.phone ?? '';
  }
  [p.names, p.externalIds, p.phones] = [packTexts(names), packTexts(externalIds), packTexts(phones)];
  return p;
}

/** The buffers of a packed group, to move rather than copy. */
export const groupBuffers = (p: PackedGroup): ArrayBuffer[] => [p.ids, p.recency, p.orders, p.amount, p.tier, p.segment, p.names.ends, p.externalIds.ends, p.phones.ends].map((a) => a.buffer as ArrayBuffer);

/** Member `i` of a packed group as the screen's row shows it. */
export function groupRow(p: PackedGroup, i: number, today: number) {
  const recency = p.recency[i]!;
  const segment = p.segment[i]!;
  return {
    id: p.ids[i]!,
    name: textAt(p.names, i),
    externalId: textAt(p.externalIds, i) || undefined,
    phone: textAt(p.phones, i) || undefined,
    lastDay: Number.isNaN(recency) ? null : today - recency,
    orders: p.orders[i]!,
    amount: p.amount[i]!,
    tier: TIERS[p.tier[i]!]!,
    segment: segment === NO_SEGMENT ? null : p.segments[segment]!,
  };
}

/**
 * The contact list's rows (触达名单): the shop's keys, last purchase, orders, spend in yuan, tier
 * (none when churned), RFM segment and tags. `segmentName` and `tagLabel` give the words shown.
 */
export function groupCsvRows(members: readonly GroupMember[], words: { today: number; fullPhones: boolean; tagsOf: ReadonlyMap<number, ReadonlySet<string>>; tagLabel: (tag: string) => string | null; segmentName: (id: string) => string }): CsvCell[][] {
  return members.map(({ customer: c, facts: f }) => [
    ...exportKeyCells(c, c.id, { fullPhones: words.fullPhones }),
    f.recencyDays === null ? '' : isoFromDay(words.today - f.recencyDays),
    f.orders,
    f.amount / 100,
    f.churned ? '' : (f.tier ?? ''),
    f.segment ? words.segmentName(f.segment) : '',
    [...(words.tagsOf.get(c.id) ?? [])].map(words.tagLabel).filter(Boolean).join('；'),
  ]);
}
