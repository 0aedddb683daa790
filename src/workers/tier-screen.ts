/**
 * The tiers screen's figures and lists, worked out in the analysis engine (issue 17): the counts, the
 * manager's overrides and the churned list from every tier state, the log filtered, and its CSV file.
 * The page read 100,000 states, the whole log (200,000 rows after a first review) and every customer
 * for the names; it now gets the counts, a few overrides and the lists packed (lib/tiers/screen).
 */
import type { KeqingDb } from '../data/db';
import { overviewOf, readChurnEntries, readTierLog, readTierStates, type TierOverview } from '../data/tiers';
import { toCsv } from '../lib/csv/export';
import { exportKeysById } from '../lib/customers/export-keys';
import { isoFromDay } from '../lib/dates';
import type { TierLogRow } from '../lib/store-rows';
import { churnedOnDays, customersMatching, filterTierLog, packChurned, packLog, type PackedChurned, type PackedLog, type Tier, type TierLogRule } from '../lib/tiers';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';

export interface TierScreenAsk {
  /** The page's write count of the customer file (see CustomerFile). */
  customers: number;
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
  churned: PackedChurned;
}

export async function tierScreen(db: KeqingDb, file: CustomerFile, ask: TierScreenAsk, ctx: CallContext): Promise<TierScreen> {
  const [states, churnLog, byId] = await Promise.all([readTierStates(db), readChurnEntries(db), file.byId(ask.customers)]);
  await ctx.checkpoint();
  const overrides = states
    .filter((s) => s.override && !s.churned)
    .map((s) => {
      const c = byId.get(s.id);
      return { id: s.id, name: c?.name ?? '', externalId: c?.externalId, tier: s.tier, reason: s.override!.reason, back: s.beforeOverride ?? s.tier };
    });
  return { ...overviewOf(states), overrides, churned: packChurned(states, churnedOnDays(churnLog), (id) => byId.get(id)) };
}

export interface TierLogAsk {
  customers: number;
  /** The page's write count of the tier log: a count not read yet reads the log again. */
  log: number;
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

/** The A/B/C log as read for a write count, kept for the next filter (typing in the customer box asks again). */
export class TierLogReader {
  #read: { stamp: number; done: Promise<TierLogRow[]> } | null = null;

  constructor(private readonly db: KeqingDb) {}

  read(stamp: number): Promise<TierLogRow[]> {
    if (this.#read?.stamp !== stamp) {
      const read = { stamp, done: readTierLog(this.db) };
      this.#read = read;
      read.done.catch(() => {
        if (this.#read === read) this.#read = null;
      });
    }
    return this.#read!.done;
  }
}

async function matching(reader: TierLogReader, file: CustomerFile, ask: TierLogAsk, ctx: CallContext) {
  const [log, byId] = await Promise.all([reader.read(ask.log), file.byId(ask.customers)]);
  await ctx.checkpoint();
  const rows = filterTierLog(log, { customerIds: customersMatching(byId.values(), ask.who), rule: ask.rule, from: ask.from, to: ask.to }).reverse();
  return { log, byId, rows };
}

export async function tierLogView(reader: TierLogReader, file: CustomerFile, ask: TierLogAsk, ctx: CallContext): Promise<TierLogView> {
  const { log, byId, rows } = await matching(reader, file, ask, ctx);
  return { total: log.length, rows: packLog(rows, (id) => byId.get(id)) };
}

export interface TierLogFileAsk extends TierLogAsk {
  headers: string[];
  ruleNames: Record<TierLogRule, string>;
  byNames: Record<TierLogRow['by'], string>;
}

/** The filtered log as a CSV file: the shop's keys first, phones masked (no full-number choice here), so it joins back to the shop's records. */
export async function tierLogFile(reader: TierLogReader, file: CustomerFile, ask: TierLogFileAsk, ctx: CallContext): Promise<Blob> {
  const { byId, rows } = await matching(reader, file, ask, ctx);
  const keys = exportKeysById([...byId.values()], { fullPhones: false });
  const data = rows.map((e) => [...keys(e.customerId), isoFromDay(e.day), e.from ?? '', e.to, ask.ruleNames[e.rule], ask.byNames[e.by], e.reason ?? '']);
  return new Blob([toCsv(ask.headers, data)], { type: 'text/csv;charset=utf-8' });
}
