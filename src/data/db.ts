/**
 * The one IndexedDB database. Every schema change is a new entry in `schemaHistory` (never an
 * edit of an old one), with an upgrade that keeps existing rows; tests/data/upgrade.test.ts
 * opens a database made at each older version and checks every row survived.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { StoreOccasion } from '../lib/care/occasions';
import type { Complaint } from '../lib/complaints/complaint';
import type { Customer, Product } from '../lib/customers/customer';
import type { MonthNote, Opportunity, StageEvent } from '../lib/funnel/records';
import type { KpiSetting } from '../lib/kpi/definitions';
import type { CareDoneRow, CareRulesRow } from '../lib/store-rows';
import type { CustomerValues } from '../lib/import/convert';
import type { ContactRow } from '../lib/tags/contacts';
import { lineKeys } from '../lib/purchases/line-key';
import { countsOf, CUSTOMERS_TABLE, packRows, type CustomerPack } from './customer-store';
import { packedRows, type PackTable } from './row-packs';
import { TIER_LOG_TABLE, TIER_STATES_TABLE } from './tiers';
import type { GrowthLogRow } from './growth';
import type { Assessment } from '../lib/scorecard/assessment';
import { storeTables, type StoreTable, type PurchaseBatch, type PurchaseChunk, type ScorecardSetRow, type Setting, type TierLogRow, type TrainerClass } from '../lib/store-rows';
import type { TierState } from '../lib/tiers/review';
import type { GrowthState, HandoverRow, LedgerRow } from '../lib/store-rows';
import type { TimeChunk } from '../lib/timeuse/entries';
import type { TimePlan } from '../lib/timeuse/plans';
import type { GradeLogRow, GradeState } from '../lib/grades';
import type { Campaign } from '../lib/needs/campaign';
import type { NeedsSegment } from '../lib/needs/segment';

export type { BatchKind, PurchaseBatch, PurchaseChunk, Setting, TierLogRow } from '../lib/store-rows';

/** Identities of one batch's lines (lib/purchases/line-key), so a re-import can skip them. Derived from the chunks. */
export interface PurchaseKeys {
  id: number;
  batchId: number;
  keys: Float64Array;
}

/** A figure the analysis engine keeps across visits: the data version it was computed for, and its value. */
export interface EngineCacheRow {
  key: string;
  version: string;
  value: unknown;
}

/** What undoing an import needs: the customers it added, and the ones it changed as they were before. */
export interface ImportUndo {
  batchId: number;
  addedCustomerIds: number[];
  previousCustomers: Customer[];
}

export type { CustomerValues };

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaHistory: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      customers: '++id, phone, cardNo, name',
      products: 'code',
      purchaseBatches: '++id, kind, at',
      purchaseChunks: '++id, batchId',
      settings: 'key',
    },
  },
  {
    // v2: imports. Customers matched on the shop's own id; each batch's line identities kept
    // beside it (so re-importing a file adds nothing); undo data for the latest import.
    version: 2,
    stores: {
      customers: '++id, phone, cardNo, name, externalId',
      purchaseKeys: '++id, batchId',
      importUndo: 'batchId',
    },
    upgrade: async (tx) => {
      const chunks = (await tx.table('purchaseChunks').toArray()) as PurchaseChunk[];
      await tx.table('purchaseKeys').bulkAdd(keysForChunks(chunks));
    },
  },
  {
    // v3: the store's A/B/C tiers (domain.md §3): each customer's tier as of the last review, and
    // every change with its rule. New tables only: existing rows are untouched.
    version: 3,
    stores: {
      tierStates: 'id',
      tierLog: '++id, customerId, day, rule',
    },
  },
  {
    // v4: the CRM capability scorecard (domain.md §1): assessments (with their action plans), the
    // dimension sets they were made with (one row per set version), a trainer's saved classes.
    // New tables only: existing rows are untouched.
    version: 4,
    stores: {
      assessments: 'id, store, date, updatedAt',
      scorecardSets: 'key, id',
      trainerClasses: 'id, updatedAt',
    },
  },
  {
    // v5: time allocation (domain.md §4): recorded time packed per rep and month (lib/timeuse/
    // entries: ~250 k rows/s written packed against ~4 k/s as a record per entry). Reps,
    // categories and the running quick-log activity live in settings; weekly action plans and
    // month focus targets (lib/timeuse/plans) one row per rep and period. New tables only.
    version: 5,
    stores: {
      timeChunks: 'key, repId, month',
      timePlans: 'key, [kind+period], repId',
    },
  },
  {
    // v6: store operations (domain.md §6, §9): which care tasks were done and by whom, the store's
    // own care occasions, its care rules (one row), and the complaints log. New tables only.
    version: 6,
    stores: {
      careDone: 'key, day',
      careOccasions: '++id',
      careRules: 'id',
      complaints: '++id, date',
    },
  },
  {
    // v7: the sales funnel and KPI board (domain.md §5, §7): prospects/opportunities, their dated
    // stage changes, a manager's note per month, and the store's KPI targets. New tables only.
    version: 7,
    stores: {
      opportunities: 'id, customerId, updatedAt',
      stageEvents: 'id, opportunityId, day',
      monthNotes: 'month',
      kpiSettings: 'id',
    },
  },
  {
    // v8: member ledgers and levels (issue 10): 积分 / 储值 entries (lib/ledger; the balance is
    // their sum), each customer's 成长值 level state, and the log of customers handed from one
    // rep to another. Customers get an index on their owner (归属导购, a field added now: rows
    // without it simply have no owner). New tables and an index only: existing rows are untouched.
    version: 8,
    stores: {
      customers: '++id, phone, cardNo, name, externalId, ownerId',
      ledgerEntries: '++id, customerId, [customerId+ledger]',
      growthStates: 'id',
      handovers: '++id, day',
    },
  },
  {
    // v9: customer value (issue 8): each customer's value grade (高/中/低) as of the last re-grade
    // and the log of every change; needs-based segments; campaigns and their results. New tables only.
    version: 9,
    stores: {
      gradeStates: 'id',
      gradeLog: '++id, customerId, at',
      needsSegments: '++id',
      campaigns: '++id, segmentId, date',
    },
  },
  {
    // v10: the contact log (联系记录): who was called, messaged or visited when, so a saved group
    // (客群) can leave out customers contacted in the last N days. New table only.
    version: 10,
    stores: {
      contacts: '++id, customerId, day',
    },
  },
  {
    // v11: figures the analysis engine computed, each with the data version it was computed for
    // (issue 17 §2), so reopening shows them at once. Derived: not backed up, cleared with the
    // purchases, and a stale row is only ever recomputed. New table only.
    version: 11,
    stores: {
      engineCache: 'key',
    },
  },
  {
    // v12: customers stored packed, PACK_SIZE ids a record (data/customer-store: IndexedDB writes
    // about 4–5 k records/s, so 100,000 customers cost 20 s as records, about 1.5 s as packs).
    // Every old row moves into its pack; the next id is kept explicitly (an auto-increment gave it
    // before), past the highest stored, so ids are never reused.
    version: 12,
    stores: {
      customers: null,
      customerPacks: 'id',
    },
    upgrade: async (tx) => {
      const rows = (await tx.table('customers').toArray()) as Customer[];
      await tx.table('customerPacks').bulkAdd(packRows(rows));
    },
  },
  {
    // v13: the tier states and the tier log stored packed (data/row-packs), as customers are: a
    // first review of 100,000 customers wrote 300,000 records (50–75 s) and a fresh tiers screen
    // read them for 8 s. Every row moves into its pack, log ids kept (the 成长值 entries share the log).
    version: 13,
    stores: {
      tierStates: null,
      tierLog: null,
      [TIER_STATES_TABLE]: 'id',
      [TIER_LOG_TABLE]: 'id',
    },
    upgrade: async (tx) => {
      for (const [from, to] of [['tierStates', TIER_STATES_TABLE], ['tierLog', TIER_LOG_TABLE]] as const) {
        const rows = (await tx.table(from).toArray()) as { id: number }[];
        await tx.table(to).bulkAdd(packedRows(rows));
      }
    },
  },
  {
    // v14: the customer file's META row counts the customers and those with a phone, kept by every
    // write: the Overview read every pack on the page to count them (about 0.5 s at 100,000 customers
    // while another tab was busy). Counted once here; the stamp is kept (the file is unchanged).
    version: 14,
    stores: {},
    upgrade: async (tx) => {
      const packs = tx.table(CUSTOMERS_TABLE);
      const counts = { count: 0, withPhone: 0 };
      await packs
        .where('id')
        .aboveOrEqual(0)
        .each((pack: CustomerPack) => {
          const { count, withPhone } = countsOf(pack.customers);
          counts.count += count;
          counts.withPhone += withPhone;
        });
      const meta = (await packs.get(-1)) as CustomerPack | undefined;
      if (meta) await packs.put({ ...meta, ...counts });
    },
  },
];

/** Line keys for stored chunks, batch by batch, numbering identical lines across a batch's chunks. */
export function keysForChunks(chunks: readonly PurchaseChunk[]): Omit<PurchaseKeys, 'id'>[] {
  const seen = new Map<number, Map<number, number>>();
  return [...chunks]
    .sort((a, b) => a.id - b.id)
    .map((chunk) => {
      const batchSeen = seen.get(chunk.batchId) ?? seen.set(chunk.batchId, new Map()).get(chunk.batchId)!;
      return { batchId: chunk.batchId, keys: lineKeys(chunk.columns, batchSeen) };
    });
}

/** The table a backup table's rows are stored in: the packed ones have their own. */
export const storedTable = (name: StoreTable): string => PACKED_TABLES[name as keyof typeof PACKED_TABLES] ?? name;
const PACKED_TABLES = { customers: CUSTOMERS_TABLE, tierStates: TIER_STATES_TABLE, tierLog: TIER_LOG_TABLE } as const;

export const SCHEMA_VERSION = schemaHistory[schemaHistory.length - 1]!.version;

/**
 * The versions Dexie is told about: those with an upgrade and the latest, each with the whole
 * schema up to it. Dexie (3+) reads the installed schema from the database itself, so the steps
 * between need no declaration; declaring all twelve re-parsed every schema for each one, a third
 * of the app's start-up task on a weak machine.
 */
export function declaredVersions(history: readonly SchemaVersion[]): SchemaVersion[] {
  const stores: Record<string, string | null> = {};
  return history.flatMap((step, i) => {
    Object.assign(stores, step.stores);
    return step.upgrade || i === history.length - 1 ? [{ ...step, stores: { ...stores } }] : [];
  });
}


export class KeqingDb extends Dexie {
  /** Only data/customer-store reads or writes it. */
  customerPacks!: EntityTable<CustomerPack, 'id'>;
  products!: EntityTable<Product, 'code'>;
  purchaseBatches!: EntityTable<PurchaseBatch, 'id'>;
  purchaseChunks!: EntityTable<PurchaseChunk, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  purchaseKeys!: EntityTable<PurchaseKeys, 'id'>;
  importUndo!: EntityTable<ImportUndo, 'batchId'>;
  contacts!: EntityTable<ContactRow, 'id'>;
  /** Only through data/row-packs. */
  tierStatePacks!: PackTable<TierState>;
  /** The A/B/C changes and the 成长值 ones (`scheme: 'growth'`). */
  tierLogPacks!: PackTable<TierLogRow | GrowthLogRow>;
  assessments!: EntityTable<Assessment, 'id'>;
  scorecardSets!: EntityTable<ScorecardSetRow, 'key'>;
  trainerClasses!: EntityTable<TrainerClass, 'id'>;
  timeChunks!: EntityTable<TimeChunk, 'key'>;
  timePlans!: EntityTable<TimePlan, 'key'>;
  careDone!: EntityTable<CareDoneRow, 'key'>;
  careOccasions!: EntityTable<StoreOccasion, 'id'>;
  careRules!: EntityTable<CareRulesRow, 'id'>;
  complaints!: EntityTable<Complaint, 'id'>;
  opportunities!: EntityTable<Opportunity, 'id'>;
  stageEvents!: EntityTable<StageEvent, 'id'>;
  monthNotes!: EntityTable<MonthNote, 'month'>;
  kpiSettings!: EntityTable<KpiSetting, 'id'>;
  ledgerEntries!: EntityTable<LedgerRow, 'id'>;
  growthStates!: EntityTable<GrowthState, 'id'>;
  handovers!: EntityTable<HandoverRow, 'id'>;
  gradeStates!: EntityTable<GradeState, 'id'>;
  gradeLog!: EntityTable<GradeLogRow, 'id'>;
  needsSegments!: EntityTable<NeedsSegment, 'id'>;
  campaigns!: EntityTable<Campaign, 'id'>;
  engineCache!: EntityTable<EngineCacheRow, 'key'>;

  constructor(name = 'keqing', history: readonly SchemaVersion[] = schemaHistory) {
    super(name);
    for (const step of declaredVersions(history)) {
      const v = this.version(step.version).stores(step.stores);
      if (step.upgrade) v.upgrade(step.upgrade);
    }
  }

  /** The tables a backup holds (the file's customers, tier states and tier log are stored packed). */
  storeTables() {
    return storeTables.map((name) => this.table(storedTable(name)));
  }

  /** Every table, derived ones included: what clearing or restoring must touch. */
  allTables() {
    return this.tables;
  }
}

export const db = new KeqingDb();
