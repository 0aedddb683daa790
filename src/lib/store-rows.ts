/**
 * The shapes of what the store keeps, table by table. The database (src/data) stores these and
 * the backup file carries them; both name the tables from `storeTables`.
 */
import type { MonthNote, Opportunity, StageEvent } from './funnel/records';
import type { KpiSetting } from './kpi/definitions';
import type { CareRules } from './care/rules';
import type { StoreOccasion } from './care/occasions';
import type { Complaint } from './complaints/complaint';
import type { Customer, Product } from './customers/customer';
import type { ContactRow } from './tags/contacts';
import type { PurchaseColumns, StoredSummary } from './purchases/columns';
import type { TierLogEntry, TierState } from './tiers/review';
import type { Assessment } from './scorecard/assessment';
import type { DimensionSet } from './scorecard/dimensions';
import type { AssessmentFile } from './scorecard/file';
import type { TimeChunk } from './timeuse/entries';
import type { TimePlan } from './timeuse/plans';
import type { GradeLogRow, GradeState } from './grades';
import type { Campaign } from './needs/campaign';
import type { NeedsSegment } from './needs/segment';
import type { LedgerEntry } from './ledger/entry';
import type { GrowthState } from './growth/state';
import type { Handover } from './owners/handover';

export const batchKinds = ['demo', 'import', 'manual'] as const;
export type BatchKind = (typeof batchKinds)[number];

/** One load of purchase lines (the demo store, an import, hand entry), so it can be listed and undone. */
export interface PurchaseBatch {
  id: number;
  kind: BatchKind;
  /** File name, or a short description. */
  label: string;
  /** ISO instant. */
  at: string;
  summary: StoredSummary;
  /** For imports: what the import did, as shown in the history. */
  report?: ImportReport;
  /** New on every rewrite of this batch's stored lines in place (a merge, linking): the analysis engine reads them again. */
  linesChanged?: string;
}

export interface ImportReport {
  importKind: 'customers' | 'purchases' | 'combined';
  rowsRead: number;
  rowsValid: number;
  rowsWithErrors: number;
  customersAdded: number;
  customersUpdated: number;
  customersUnchanged: number;
  /** Matched customers left as they were because the user chose 跳过 (skip) for duplicates. */
  customersSkipped?: number;
  linesAdded: number;
  linesAlreadyStored: number;
  linesExcluded: number;
  /** Customers filed by name alone (no match key), and what was chosen for such rows. */
  customersKeyless?: number;
  keyless?: 'create' | 'fail';
  /** The field customers were matched on. */
  matchKey?: 'customerId' | 'cardNo' | 'phone' | 'keqingId';
  /** Rows failed because they had no match key ('fail' chosen). */
  rowsKeylessFailed?: number;
  /** Lines naming a customer id nobody had: how many, how many ids, and whether customers were filed for them. */
  unknownRefs?: { lines: number; refs: number; choice: 'create' | 'unlinked'; customersAdded: number };
  /** Lines per cleaning class (cancellation, returned, …) and whether that class was excluded. */
  classes: Record<string, { lines: number; excluded: boolean }>;
}

/** Purchase lines of one batch, packed as columns. */
export interface PurchaseChunk {
  id: number;
  batchId: number;
  columns: PurchaseColumns;
}

/** A tier log entry as stored: numbered in the order written; a manager's override keeps its reason. */
export interface TierLogRow extends TierLogEntry {
  id: number;
  reason?: string;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** One version of a scorecard dimension set; `key` is `${id}@${version}` (see setKey). */
export interface ScorecardSetRow extends DimensionSet {
  key: string;
}
export const setKey = (id: string, version: number) => `${id}@${version}`;

/** A trainer's saved class: the trainees' files as they were loaded (each with its own set). */
export interface TrainerClass {
  id: string;
  name: string;
  anonymous: boolean;
  members: AssessmentFile[];
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

/** The store's care rules: one row, id 'store'. */
export interface CareRulesRow extends CareRules {
  id: string;
}

/** A care task marked done (lib/care/tasks key), by whom and when. */
export interface CareDoneRow {
  key: string;
  /** The task's day (day number): lets old rows be listed or pruned by week. */
  day: number;
  by: string;
  /** ISO instant. */
  at: string;
}

/** A 积分 / 储值 ledger entry as stored, numbered in the order written (lib/ledger). */
export interface LedgerRow extends LedgerEntry {
  id: number;
}

export type { GrowthState };

/** A handover of customers from one rep to another (lib/owners), numbered in the order made. */
export interface HandoverRow extends Handover {
  id: number;
}

/** In the order a restore writes them (a chunk's batch before the chunk). */
export const storeTables = ['settings', 'products', 'customers', 'purchaseBatches', 'purchaseChunks', 'tierStates', 'tierLog', 'scorecardSets', 'assessments', 'trainerClasses', 'timeChunks', 'timePlans', 'careRules', 'careOccasions', 'careDone', 'complaints', 'opportunities', 'stageEvents', 'monthNotes', 'kpiSettings', 'contacts', 'ledgerEntries', 'growthStates', 'handovers', 'gradeStates', 'gradeLog', 'needsSegments', 'campaigns'] as const;
export type StoreTable = (typeof storeTables)[number];

export interface StoreRows {
  settings: Setting[];
  products: Product[];
  customers: Customer[];
  purchaseBatches: PurchaseBatch[];
  purchaseChunks: PurchaseChunk[];
  tierStates: TierState[];
  tierLog: TierLogRow[];
  scorecardSets: ScorecardSetRow[];
  assessments: Assessment[];
  trainerClasses: TrainerClass[];
  timeChunks: TimeChunk[];
  timePlans: TimePlan[];
  careRules: CareRulesRow[];
  careOccasions: StoreOccasion[];
  careDone: CareDoneRow[];
  complaints: Complaint[];
  opportunities: Opportunity[];
  stageEvents: StageEvent[];
  monthNotes: MonthNote[];
  kpiSettings: KpiSetting[];
  contacts: ContactRow[];
  ledgerEntries: LedgerRow[];
  growthStates: GrowthState[];
  handovers: HandoverRow[];
  gradeStates: GradeState[];
  gradeLog: GradeLogRow[];
  needsSegments: NeedsSegment[];
  campaigns: Campaign[];
}
