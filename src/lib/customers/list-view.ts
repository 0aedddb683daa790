/** The customer table's rows: searched, filtered and sorted, as indexes into the customer list. */
import type { CsvCell } from '../csv/export';
import type { Customer } from './customer';
import { exportKeyCells, type KeyOptions } from './export-keys';
import { birthdayText } from '../care/lunar-text';
import { lastPurchaseOf, statsIndex, type CustomerStats } from './stats';
import type { Grade } from '../grades/rule';
import { dormancyOf, matchesDormancy, type DormancyFilter, type DormancyParams } from '../dormancy/rules';

export const sortKeys = ['name', 'phone', 'cardNo', 'lastDay', 'orders', 'amount', 'createdAt'] as const;
export type SortKey = (typeof sortKeys)[number];

export const missingFilters = ['phone', 'birthday', 'address', 'cardNo'] as const;
export type MissingFilter = (typeof missingFilters)[number];

/** Last purchase: within N days, more than N days ago, or never. */
export type RecencyFilter = { kind: 'any' } | { kind: 'within'; days: number } | { kind: 'over'; days: number } | { kind: 'never' };

export interface ListQuery {
  search: string;
  missing: MissingFilter | null;
  recency: RecencyFilter;
  prospectsOnly: boolean;
  /** 沉睡 / 流失 (lib/dormancy): only customers with this status under the store's day rules. */
  dormancy?: { filter: DormancyFilter; params: DormancyParams } | null;
  /** Value grade (lib/grades): only customers graded so ('none': not graded); `of` maps id → grade. */
  grade?: { want: Grade | 'none'; of: ReadonlyMap<number, Grade> } | null;
  /** Store tier (lib/tiers): A/B/C as of the last review, 'churned' for the churned list, 'none' when never reviewed. */
  tier?: { want: 'A' | 'B' | 'C' | 'churned' | 'none'; of: ReadonlyMap<number, { tier: 'A' | 'B' | 'C'; churned: boolean }> } | null;
  /** RFM segment id (lib/rfm) as scored for the list; customers who never bought have none. */
  segment?: { want: string; of: ReadonlyMap<number, string> } | null;
  /** Only customers carrying this tag, by hand or by rule (lib/tags); `of` maps id → tags. */
  tag?: { id: string; of: ReadonlyMap<number, ReadonlySet<string>> } | null;
  sort: SortKey;
  descending: boolean;
  /** Day number of "today", for recency. */
  today: number;
}

export interface ListRow {
  customer: Customer;
  /** Index into the stats arrays, or -1 when the customer never bought. */
  stat: number;
}

export function joinStats(customers: readonly Customer[], stats: CustomerStats): ListRow[] {
  return customers.map((customer) => ({ customer, stat: statsIndex(stats, customer.id) }));
}

const digits = (s: string) => s.replace(/\D/g, '');

// Made on first use and kept: a zh collator loads its tables (≈ 30 ms on a weak machine), and the
// default sort (last purchase) compares numbers only.
let collator: Intl.Collator | undefined;
const pinyinOrder = () => (collator ??= new Intl.Collator('zh-CN'));

/**
 * Positions 0…n-1 ordered by `values` (descending if asked), equal values by position. One native
 * sort of numbers packing value and position (value × 2^k + position), no comparator call per pair:
 * 100,000 customers sorted by a comparator were most of a 100–300 ms task on a weak machine. Null
 * when the values do not pack exactly (not integers, or too large): the caller compares instead.
 */
export function orderByNumbers(values: Float64Array, descending: boolean): Uint32Array | null {
  const n = values.length;
  let shift = 1;
  while (shift <= n) shift *= 2;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) return null;
    if (v > largest) largest = v;
    else if (-v > largest) largest = -v;
  }
  if ((largest + 1) * shift > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (descending ? -values[i]! : values[i]!) * shift + i;
  keys.sort();
  const order = new Uint32Array(n);
  // The position is the key's remainder, also under a negative value.
  for (let i = 0; i < n; i++) order[i] = (((keys[i]! % shift) + shift) % shift);
  return order;
}

export function selectRows(rows: readonly ListRow[], stats: CustomerStats, q: ListQuery): ListRow[] {
  const text = q.search.trim().toLowerCase();
  const phoneDigits = digits(text);
  const matches = (r: ListRow) => {
    const c = r.customer;
    if (q.missing && c[q.missing]) return false;
    if (q.prospectsOnly && !c.prospect) return false;
    if (q.grade && (q.grade.of.get(c.id) ?? 'none') !== q.grade.want) return false;
    if (q.tag && !q.tag.of.get(c.id)?.has(q.tag.id)) return false;
    if (q.tier) {
      const t = q.tier.of.get(c.id);
      const is = t ? (t.churned ? 'churned' : t.tier) : 'none';
      if (is !== q.tier.want) return false;
    }
    if (q.segment && q.segment.of.get(c.id) !== q.segment.want) return false;
    const last = lastPurchaseOf(stats, r.stat);
    if (q.dormancy && !matchesDormancy(dormancyOf(last, q.today, q.dormancy.params), q.dormancy.filter)) return false;
    switch (q.recency.kind) {
      case 'never':
        if (last !== null) return false;
        break;
      case 'within':
        if (last === null || q.today - last > q.recency.days) return false;
        break;
      case 'over':
        if (last === null || q.today - last <= q.recency.days) return false;
        break;
    }
    if (text === '') return true;
    return (
      c.name.toLowerCase().includes(text) ||
      (phoneDigits.length >= 3 && (c.phone ?? '').includes(phoneDigits)) ||
      (c.cardNo ?? '').toLowerCase().includes(text) ||
      (c.externalId ?? '').toLowerCase().includes(text)
    );
  };
  const value = (r: ListRow): string | number => {
    switch (q.sort) {
      case 'lastDay':
        return lastPurchaseOf(stats, r.stat) ?? -Infinity;
      case 'orders':
        return r.stat >= 0 ? stats.orders[r.stat]! : 0;
      case 'amount':
        return r.stat >= 0 ? stats.amount[r.stat]! : 0;
      default:
        return r.customer[q.sort] ?? '';
    }
  };
  const kept = rows.filter(matches);
  if (q.sort === 'lastDay' || q.sort === 'orders' || q.sort === 'amount') {
    // Ties go by customer id: the position, when the rows come in id order (as the file is read).
    // One pass for the values, the order check and the range: each pass over 100,000 rows is cold
    // code on a screen's first render, tens of milliseconds before the engine optimises it.
    const values = new Float64Array(kept.length);
    let inIdOrder = true;
    let lowest = Infinity;
    let highest = -Infinity;
    let noPurchase = false;
    for (let i = 0; i < kept.length; i++) {
      const v = value(kept[i]!) as number;
      values[i] = v;
      if (i > 0 && kept[i - 1]!.customer.id >= kept[i]!.customer.id) inIdOrder = false;
      if (v === -Infinity) noPurchase = true;
      else {
        if (v < lowest) lowest = v;
        if (v > highest) highest = v;
      }
    }
    if (inIdOrder) {
      // All equal (the figures not counted yet: every customer "no purchase"): already in order.
      if (!noPurchase ? lowest === highest || kept.length < 2 : highest === -Infinity) return kept;
      // No purchase (-Infinity) sorts below every day, as before.
      if (noPurchase) for (let i = 0; i < values.length; i++) if (values[i] === -Infinity) values[i] = Math.min(lowest, 0) - 1;
      const order = orderByNumbers(values, q.descending);
      if (order) {
        const sorted = new Array<ListRow>(order.length);
        for (let i = 0; i < order.length; i++) sorted[i] = kept[order[i]!]!;
        return sorted;
      }
    }
  }
  const dir = q.descending ? -1 : 1;
  return kept
    .map((r) => ({ r, v: value(r) }))
    .sort((a, b) => {
      const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : pinyinOrder().compare(String(a.v), String(b.v));
      return d * dir || a.r.customer.id - b.r.customer.id;
    })
    .map((x) => x.r);
}

/**
 * The current view as CSV cells: the shop's keys (phone masked unless the user chose full numbers),
 * then what a shop needs to act on the list. The file imports again onto the same customers: the
 * level, birthday and address headers map back, the purchase figures' headers map to nothing.
 */
/** 最近购买 as the table and its CSV show it: the last purchase day (lastPurchaseOf), '' when none. */
export function lastPurchaseText(stats: CustomerStats, stat: number, isoDay: (day: number) => string): string {
  const d = lastPurchaseOf(stats, stat);
  return d === null ? '' : isoDay(d);
}

export const listCsvFigureHeaders = ['field.level', 'field.birthday', 'field.address', 'list.lastPurchase', 'list.orders', 'exportKeys.list.amount'] as const;

export function listCsvRows(rows: readonly ListRow[], stats: CustomerStats, isoDay: (day: number) => string, keys: KeyOptions = { fullPhones: false }): CsvCell[][] {
  return rows.map(({ customer: c, stat }) => [
    ...exportKeyCells(c, c.id, keys),
    c.level ?? '',
    birthdayText(c),
    c.address ?? '',
    lastPurchaseText(stats, stat, isoDay),
    stat >= 0 ? stats.orders[stat]! : 0,
    stat >= 0 ? stats.amount[stat]! / 100 : 0,
  ]);
}
