/**
 * What the tiers screen lists, worked out where the states, the log and the customer file are held
 * (workers/tier-screen.ts) and sent packed: after a review of 100,000 customers the churned list
 * and the log each run to 100,000 rows or more, which as objects would hold the page for the copy.
 * Columns in typed arrays and string arrays, a row read by its index. Pure.
 */
import type { TierLogEntry, TierLogRule, TierState } from './review';
import type { Tier } from './rules';
import { tierLogRules } from './summary';

/**
 * Who a list row names: ids, and each one's name, shop id and phone laid end to end in one string
 * with where each starts. The page reads only the rows it draws; 100,000 strings in an array (or
 * split from one) cost it 100–150 ms to receive.
 */
export interface PackedPeople {
  ids: Int32Array;
  text: string;
  /** Person i's name, shop id and phone start at 3i, 3i + 1, 3i + 2; the text ends at 3n. */
  starts: Int32Array;
}

export interface Person {
  name?: string | undefined;
  externalId?: string | undefined;
  phone?: string | undefined;
}

export function packPeople(ids: Iterable<number>, personOf: (id: number) => Person | undefined, { phones = true } = {}): PackedPeople {
  const list = Int32Array.from(ids);
  const starts = new Int32Array(list.length * 3 + 1);
  const parts: string[] = [];
  let at = 0;
  list.forEach((id, i) => {
    const p = personOf(id);
    [p?.name ?? '', p?.externalId ?? '', phones ? (p?.phone ?? '') : ''].forEach((part, k) => {
      starts[i * 3 + k] = at;
      parts.push(part);
      at += part.length;
    });
  });
  starts[list.length * 3] = at;
  return { ids: list, text: parts.join(''), starts };
}

/** Person `i` of a packed list, as the screen's name and phone helpers take it. */
export function personAt(people: PackedPeople, i: number): Person {
  const part = (k: number) => people.text.slice(people.starts[i * 3 + k], people.starts[i * 3 + k + 1]);
  return { name: part(0), externalId: part(1) || undefined, phone: part(2) || undefined };
}

/** Customers on the churned list, by customer no.: their tier and the day they went on it (-1: no log entry says). */
export interface PackedChurned {
  people: PackedPeople;
  /** One letter per row. */
  tiers: string;
  on: Int32Array;
}

/** The latest churn entry per customer (later entries overwrite earlier ones): when they went on the list. */
export function churnedOnDays(log: Iterable<TierLogEntry>): Map<number, number> {
  const on = new Map<number, number>();
  for (const e of log) if (e.rule === 'churn12m') on.set(e.customerId, e.day);
  return on;
}

export function packChurned(states: readonly TierState[], on: ReadonlyMap<number, number>, personOf: (id: number) => Person | undefined): PackedChurned {
  const rows = states.filter((s) => s.churned).sort((a, b) => a.id - b.id);
  return {
    people: packPeople(
      rows.map((s) => s.id),
      personOf,
    ),
    tiers: rows.map((s) => s.tier).join(''),
    on: Int32Array.from(rows, (s) => on.get(s.id) ?? -1),
  };
}

/**
 * Whom the log's customer box means: typed digits are a customer no. on file, or else part of a
 * phone (e.g. its last four); other text part of a name. Null: no text, no filter.
 */
export function customersMatching(customers: Iterable<{ id: number; name: string; phone?: string | undefined }>, typed: string): Set<number> | null {
  const text = typed.trim().toLowerCase();
  if (!text) return null;
  const all = [...customers];
  if (!/^\d+$/.test(text)) return new Set(all.filter((c) => c.name.toLowerCase().includes(text)).map((c) => c.id));
  const id = Number(text);
  if (all.some((c) => c.id === id)) return new Set([id]);
  return new Set(all.filter((c) => (c.phone ?? '').includes(text)).map((c) => c.id));
}

/** Log rows packed: `codes` holds from, to, rule and by per row (from: 3 for none; by: 0 rule, 1 hand). */
export interface PackedLog {
  ids: Int32Array;
  customerIds: Int32Array;
  days: Int32Array;
  codes: Uint8Array;
  /** Row index → reason, for the few rows that carry one. */
  reasons: Map<number, string>;
  /** The customers the rows name, once each; `person[i]`: row i's place among them. */
  people: PackedPeople;
  person: Int32Array;
}

export interface LogRow extends TierLogEntry {
  id: number;
  reason?: string;
}

const tierCodes: readonly Tier[] = ['A', 'B', 'C'];
const NO_TIER = 3;

export function packLog(rows: readonly LogRow[], personOf: (id: number) => Person | undefined): PackedLog {
  const n = rows.length;
  const packed = { ids: new Int32Array(n), customerIds: new Int32Array(n), days: new Int32Array(n), codes: new Uint8Array(n * 4), reasons: new Map<number, string>() };
  rows.forEach((e, i) => {
    packed.ids[i] = e.id;
    packed.customerIds[i] = e.customerId;
    packed.days[i] = e.day;
    packed.codes.set([e.from === null ? NO_TIER : tierCodes.indexOf(e.from), tierCodes.indexOf(e.to), tierLogRules.indexOf(e.rule), e.by === 'hand' ? 1 : 0], i * 4);
    if (e.reason) packed.reasons.set(i, e.reason);
  });
  const named = [...new Set(packed.customerIds)];
  const place = new Map(named.map((id, i) => [id, i]));
  // The log shows names, not phones.
  return { ...packed, people: packPeople(named, personOf, { phones: false }), person: Int32Array.from(packed.customerIds, (id) => place.get(id)!) };
}

/** Row `i` of a packed log, as it was stored. */
export function logRowAt(log: PackedLog, i: number): LogRow {
  const c = log.codes;
  const from = c[i * 4]!;
  const reason = log.reasons.get(i);
  return {
    id: log.ids[i]!,
    customerId: log.customerIds[i]!,
    day: log.days[i]!,
    from: from === NO_TIER ? null : tierCodes[from]!,
    to: tierCodes[c[i * 4 + 1]!]!,
    rule: tierLogRules[c[i * 4 + 2]!] as TierLogRule,
    by: c[i * 4 + 3] === 1 ? 'hand' : 'rule',
    ...(reason ? { reason } : {}),
  };
}

/** The buffers of packed lists, to move to the page rather than copy. */
export const peopleBuffers = (p: PackedPeople): ArrayBuffer[] => [p.ids.buffer, p.starts.buffer] as ArrayBuffer[];
export const churnedBuffers = (c: PackedChurned): ArrayBuffer[] => [...peopleBuffers(c.people), c.on.buffer as ArrayBuffer];
export const logBuffers = (l: PackedLog): ArrayBuffer[] => [l.ids.buffer, l.customerIds.buffer, l.days.buffer, l.codes.buffer, l.person.buffer, ...peopleBuffers(l.people)] as ArrayBuffer[];

/** 0 … n-1: the rows of a packed list as the virtual table takes them (a row is its index). */
export function indices(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
