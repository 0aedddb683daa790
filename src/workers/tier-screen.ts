/**
 * The tiers screen's figures and lists, worked out in the analysis engine (issue 17): the counts, the
 * manager's overrides and the churned list from every tier state, the log filtered, and its CSV file.
 * The page read 100,000 states, the whole log (200,000 rows after a first review) and every customer
 * for the names; it now gets the counts, a few overrides and the lists packed (lib/tiers/screen),
 * the counts first (they need the states alone).
 */
import { customersStamp, getCustomers } from '../data/customer-store';
import type { KeqingDb } from '../data/db';
import { overviewOf, readTierLog, readTierStates, tierLogStamp, tierStatesStamp, type TierOverview } from '../data/tiers';
import { toCsv } from '../lib/csv/export';
import { exportKeysById } from '../lib/customers/export-keys';
import { isoFromDay } from '../lib/dates';
import type { TierLogRow } from '../lib/store-rows';
import { churnedOnDays, customersMatching, filterTierLog, packChurned, packLog, type PackedChurned, type PackedLog, type Tier, type TierLogRule, type TierState } from '../lib/tiers';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';
import { Stamped } from './stamped';
import { keptAnswer } from './kept';

/** The page's write counts (data/tiers tierVersions, the customer file's): a count not read yet reads again. */
export interface Stamps {
  customers: number;
  states: number;
  log: number;
}

/** An active customer whose tier the manager set, as the overrides table shows them. */
export interface NamedOverride {
  id: number;
  name: string;
  externalId?: string | undefined;
  tier: Tier;
  reason: string;
  /** The tier removing the override goes back to. */
  back: Tier;
}

export interface TierScreen extends TierOverview {
  overrides: NamedOverride[];
}

/**
 * The stored states and log as the screen last asked for them: a re-ask after a change elsewhere (a
 * customer edited, a filter typed) reads neither again. After a review of 100,000 customers the
 * 100,000 states and 200,000 log entries take several seconds to read.
 */
export class TierReads {
  readonly states: Stamped<TierState[]>;
  readonly log: Stamped<TierLogRow[]>;

  constructor(readonly db: KeqingDb) {
    this.states = new Stamped(() => readTierStates(db), () => tierStatesStamp(db));
    this.log = new Stamped(() => readTierLog(db), () => tierLogStamp(db));
  }
}

/**
 * The counts (as the Overview's) and the overrides, named: what the screen shows first. The few
 * overridden customers are read by id, so the counts do not wait for the whole customer file.
 */
export async function tierScreen(reads: TierReads, ask: Stamps, ctx: CallContext): Promise<TierScreen> {
  const states = await reads.states.read(ask.states);
  await ctx.checkpoint();
  const overridden = states.filter((s) => s.override && !s.churned);
  const people = await getCustomers(reads.db, overridden.map((s) => s.id));
  const overrides = overridden.map((s, i) => {
    const c = people[i];
    return { id: s.id, name: c?.name ?? '', externalId: c?.externalId, tier: s.tier, reason: s.override!.reason, back: s.beforeOverride ?? s.tier };
  });
  return { ...overviewOf(states), overrides };
}

/** Engine-cache keys of the churned list and the unfiltered log, each kept with the stored stamps it was made from. */
export const KEPT_CHURNED = 'tiers.churned';
export const KEPT_LOG = 'tiers.log';

type Part = 'customers' | 'states' | 'log';

/** The stored write stamps of these parts, as one key. */
async function storedNow(db: KeqingDb, parts: readonly Part[]): Promise<string> {
  const stamps = await Promise.all(
    parts.map((p) => (p === 'customers' ? customersStamp(db) : p === 'states' ? tierStatesStamp(db) : tierLogStamp(db))),
  );
  return JSON.stringify(stamps);
}

/** The stamps the engine's held reads of these parts were made under (null where one changed during its read). */
async function storedUsed(reads: TierReads, file: CustomerFile, ask: Stamps, parts: readonly Part[]): Promise<string> {
  const stamps = await Promise.all(parts.map((p) => (p === 'customers' ? file.storedStamp(ask.customers) : p === 'states' ? reads.states.stored(ask.states) : reads.log.stored(ask.log))));
  return JSON.stringify(stamps);
}

/** The answer kept for the stored data as it is now (workers/kept): a fresh tab's engine reads no state, log entry or customer (100,000 customers after a review: about 2.5 s of reads). */
const keptOr = <T>(reads: TierReads, file: CustomerFile, ask: Stamps, key: string, parts: readonly Part[], work: () => Promise<T>): Promise<T> =>
  keptAnswer(reads.db, key, () => storedNow(reads.db, parts), work, () => storedUsed(reads, file, ask, parts));

/** The churned list, named and dated (the latest churn entry of each), packed. */
export async function tierChurned(reads: TierReads, file: CustomerFile, ask: Stamps, ctx: CallContext): Promise<PackedChurned> {
  return keptOr(reads, file, ask, KEPT_CHURNED, ['customers', 'states', 'log'], async () => {
    // The churn days from the log the log view reads too (one read of it for both).
    const [states, log, byId] = await Promise.all([reads.states.read(ask.states), reads.log.read(ask.log), file.byId(ask.customers)]);
    await ctx.checkpoint();
    return packChurned(states, churnedOnDays(log), (id) => byId.get(id));
  });
}

export interface TierLogAsk extends Stamps {
  /** Customer no., part of a name or of a phone (lib/tiers customersMatching). */
  who: string;
  rule: TierLogRule | null;
  /** Inclusive day numbers. */
  from: number | null;
  to: number | null;
}

export interface TierLogView {
  /** Entries in the whole log. */
  total: number;
  /** The entries the filter keeps, newest first. */
  rows: PackedLog;
}

async function matching(reads: TierReads, file: CustomerFile, ask: TierLogAsk, ctx: CallContext) {
  const [log, byId] = await Promise.all([reads.log.read(ask.log), file.byId(ask.customers)]);
  await ctx.checkpoint();
  const rows = filterTierLog(log, { customerIds: customersMatching(byId.values(), ask.who), rule: ask.rule, from: ask.from, to: ask.to }).reverse();
  return { log, byId, rows };
}

export async function tierLogView(reads: TierReads, file: CustomerFile, ask: TierLogAsk, ctx: CallContext): Promise<TierLogView> {
  const work = async () => {
    const { log, byId, rows } = await matching(reads, file, ask, ctx);
    return { total: log.length, rows: packLog(rows, (id) => byId.get(id)) };
  };
  // The whole log (what the screen opens on) is kept; a filtered one is worked out each time.
  const unfiltered = ask.who.trim() === '' && ask.rule === null && ask.from === null && ask.to === null;
  return unfiltered ? keptOr(reads, file, ask, KEPT_LOG, ['customers', 'log'], work) : work();
}

export interface TierLogFileAsk extends TierLogAsk {
  headers: string[];
  ruleNames: Record<TierLogRule, string>;
  byNames: Record<TierLogRow['by'], string>;
}

/** The filtered log as a CSV file: the shop's keys first, phones masked (no full-number choice here), so it joins back to the shop's records. */
export async function tierLogFile(reads: TierReads, file: CustomerFile, ask: TierLogFileAsk, ctx: CallContext): Promise<Blob> {
  const { byId, rows } = await matching(reads, file, ask, ctx);
  const keys = exportKeysById([...byId.values()], { fullPhones: false });
  const data = rows.map((e) => [...keys(e.customerId), isoFromDay(e.day), e.from ?? '', e.to, ask.ruleNames[e.rule], ask.byNames[e.by], e.reason ?? '']);
  return new Blob([toCsv(ask.headers, data)], { type: 'text/csv;charset=utf-8' });
}
