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
 * Who a list row names: aligned columns, each text column joined into one string (100,000 strings
 * in an array cost the page ≈ 4× as much to receive as one string split there; see `openPeople`).
 */
export interface PackedPeople {
  ids: Int32Array;
  names: string;
  externalIds: string;
  /** Empty when the list shows no phone. */
  phones: string;
}

/** The columns as the page reads them (the name as class mode allows, the phone masked). */
export interface People {
  ids: Int32Array;
  names: string[];
  externalIds: string[];
  phones: string[];
}

export interface Person {
  name?: string | undefined;
  externalId?: string | undefined;
  phone?: string | undefined;
}

// A character no name, shop id or phone holds (it is dropped from any that does).
const SEP = '\u0000';
const join = (values: readonly string[]) => values.map((v) => v.replaceAll(SEP, '')).join(SEP);
const split = (text: string, n: number) => (n === 0 || text === '' ? [] : text.split(SEP));

export function packPeople(ids: Iterable<number>, personOf: (id: number) => Person | undefined, { phones = true } = {}): PackedPeople {
  const list = Int32Array.from(ids);
  const people = Array.from(list, (id) => personOf(id));
  return {
    ids: list,
    names: join(people.map((p) => p?.name ?? '')),
    externalIds: join(people.map((p) => p?.externalId ?? '')),
    phones: phones ? join(people.map((p) => p?.phone ?? '')) : '',
  };
}

export function openPeople(p: PackedPeople): People {
  const n = p.ids.length;
  return { ids: p.ids, names: split(p.names, n), externalIds: split(p.externalIds, n), phones: split(p.phones, n) };
}

/** Person `i` of a list, as the screen's name and phone helpers take it. */
export function personAt(people: People, i: number): Person {
  return { name: people.names[i] ?? '', externalId: people.externalIds[i] || undefined, phone: people.phones[i] || undefined };
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
  /** The customers the rows name, once each. */
  people: PackedPeople;
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
  // The log shows names, not phones.
  return { ...packed, people: packPeople(new Set(packed.customerIds), personOf, { phones: false }) };
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
export const peopleBuffers = (p: PackedPeople): ArrayBuffer[] => [p.ids.buffer as ArrayBuffer];
export const churnedBuffers = (c: PackedChurned): ArrayBuffer[] => [...peopleBuffers(c.people), c.on.buffer as ArrayBuffer];
export const logBuffers = (l: PackedLog): ArrayBuffer[] => [l.ids.buffer, l.customerIds.buffer, l.days.buffer, l.codes.buffer, ...peopleBuffers(l.people)] as ArrayBuffer[];

/** 0 … n-1: the rows of a packed list as the virtual table takes them (a row is its index). */
export function indices(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
