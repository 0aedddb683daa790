/**
 * The export worker's handlers: per-customer CSV files built off the page's thread. The worker
 * reads the customers (and tier states) from the database itself; the page sends only what it
 * already holds in packed form (the list's order as ids, figures as typed arrays) and the words
 * of the file in the UI's language, and gets back the finished file.
 */
import type { KeqingDb } from '../data/db';
import { readTierStates } from '../data/tiers';
import { toCsv, type CsvCell } from '../lib/csv/export';
import type { Customer } from '../lib/customers/customer';
import { exportKeysById } from '../lib/customers/export-keys';
import { joinStats, listCsvRows } from '../lib/customers/list-view';
import type { CustomerStats } from '../lib/customers/stats';
import { isoFromDay } from '../lib/dates';
import { customerExportRows } from '../lib/rfm/customer-export';
import { unpackClasses, unpackScores, type PackedClasses, type PackedScores } from '../lib/rfm/packed';
import type { Tier } from '../lib/tiers/rules';
import type { CallContext } from './rpc';
import { readCustomersPaged } from '../data/customers';

/** A CSV file as the page saves it. */
const csvBlob = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });

export interface FileWords {
  headers: string[];
  /** The first line of a file with full phone numbers (access.fullNotice); absent when masked. */
  notice?: string;
}

export interface CustomerListArgs extends FileWords {
  /** The list as shown: customer ids in the order of the screen. */
  ids: Int32Array;
  stats: CustomerStats;
  fullPhones: boolean;
}

export interface CustomerScoresArgs extends FileWords {
  scores: PackedScores;
  classes: PackedClasses | null;
  /** Segment id → its name in the UI's language. */
  segmentNames: Record<string, string>;
  /** A churned customer's tier cell per tier, e.g. 'B（流失）'. */
  churned: Record<Tier, string>;
  fullPhones: boolean;
}

/**
 * A per-customer file as columns: one row per id, the shop's keys first (read here), then each
 * column's cell for that row. Columns, not rows: numbers travel as typed arrays and a column of
 * one repeated word as that word, so the page builds no row objects and clones little.
 */
export interface KeyedFileArgs extends FileWords {
  ids: Int32Array;
  columns: (Float64Array | Int32Array | readonly CsvCell[] | { same: CsvCell })[];
  fullPhones: boolean;
}

/** Every customer, a pack at a time (data/customer-store); a cancelled call stops after the pack being read. */
async function allCustomers(db: KeqingDb, ctx: CallContext<never>): Promise<Customer[]> {
  const out = await readCustomersPaged(db, () => {}, undefined, ctx.signal);
  await ctx.checkpoint();
  return out;
}

export function exportHandlers(open: () => KeqingDb) {
  let db: KeqingDb | null = null;
  const database = () => (db ??= open());
  return {
    /** The customer table as filtered and sorted on screen (Customers → list). */
    customerList: async (args: CustomerListArgs, ctx: CallContext<never>): Promise<Blob> => {
      const byId = new Map((await allCustomers(database(), ctx)).map((c) => [c.id, c]));
      const shown = joinStats(
        Array.from(args.ids, (id) => byId.get(id)).filter((c): c is Customer => c !== undefined),
        args.stats,
      );
      await ctx.checkpoint();
      return csvBlob(toCsv(args.headers, listCsvRows(shown, args.stats, isoFromDay, { fullPhones: args.fullPhones }), args.notice ? { notice: args.notice } : {}));
    },
    /** Any list of customers with its figures (a call list, historic value…): keys, then the columns. */
    keyedFile: async (args: KeyedFileArgs, ctx: CallContext<never>): Promise<Blob> => {
      const keys = exportKeysById(await allCustomers(database(), ctx), { fullPhones: args.fullPhones });
      await ctx.checkpoint();
      const cell = (column: KeyedFileArgs['columns'][number], i: number): CsvCell => ('same' in column ? column.same : column[i]);
      const rows = Array.from(args.ids, (id, i) => [...keys(id), ...args.columns.map((column) => cell(column, i))]);
      return csvBlob(toCsv(args.headers, rows, args.notice ? { notice: args.notice } : {}));
    },
    /** Every filed customer with R, F, M, score, segment, ABC class and tier (Segments). */
    customerScores: async (args: CustomerScoresArgs, ctx: CallContext<never>): Promise<Blob> => {
      const [customers, tiers] = [await allCustomers(database(), ctx), await readTierStates(database())];
      await ctx.checkpoint();
      const rows = customerExportRows(
        { customers, scored: unpackScores(args.scores), abcOf: args.classes ? unpackClasses(args.classes) : {}, tiers },
        { keys: { fullPhones: args.fullPhones }, segment: (id) => args.segmentNames[id] ?? id, churned: (tier) => args.churned[tier] },
      );
      return csvBlob(toCsv(args.headers, rows, args.notice ? { notice: args.notice } : {}));
    },
  };
}

export type ExportHandlers = ReturnType<typeof exportHandlers>;
