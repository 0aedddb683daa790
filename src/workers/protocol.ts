/** Messages between the page and its workers: one union per direction, per worker. */

import type { FileError, ImportPreview, ImportSettings } from '../lib/import/analyse';
import type { CleaningChoices, ImportPlan, PlanOptions, StoredCustomerKeys, StoredKeys } from '../lib/import/plan';
import type { ProblemLabels } from '../lib/import/report';
import type { ActivityContext, ActivityPreview, ActivitySettings } from '../lib/timeuse/import';
import type { TimeEntry } from '../lib/timeuse/entries';
import type { RecordPreview, RecordSettings } from '../lib/import/records';
import type { RecordKindId, RecordOutputs } from '../lib/import/record-kinds';

/** Every request carries an id; answers name it, so a stale answer (after a newer request) is ignored. */
export type ToImportWorker =
  | { type: 'open'; requestId: number; bytes: ArrayBuffer; settings: ImportSettings }
  | { type: 'configure'; requestId: number; settings: ImportSettings }
  | { type: 'plan'; requestId: number; choices: CleaningChoices; stored: StoredKeys; now: string; options: PlanOptions }
  /** How many lines name a customer nobody has (for the preview's choice). */
  | { type: 'unknownRefs'; requestId: number; stored: StoredCustomerKeys }
  | { type: 'problemsCsv'; requestId: number; labels: ProblemLabels }
  | { type: 'fileWithReasons'; requestId: number; labels: Pick<ProblemLabels, 'messages' | 'wholeRow'> & { reasonColumn: string } }
  /** An activity log (lib/timeuse/import) through the same session: open, adjust, take the entries. */
  | { type: 'openActivity'; requestId: number; bytes: ArrayBuffer; settings: ActivitySettings; context: ActivityContext }
  | { type: 'configureActivity'; requestId: number; settings: ActivitySettings }
  | { type: 'activityEntries'; requestId: number }
  /** A small record file (lib/import/records: prospects, products) through the same session. */
  | { type: 'openRecords'; requestId: number; bytes: ArrayBuffer; kind: RecordKindId; settings: RecordSettings }
  | { type: 'configureRecords'; requestId: number; settings: RecordSettings }
  | { type: 'recordsResult'; requestId: number };

export type FromImportWorker =
  /** fraction: how far the stage is, 0–1, when it can tell. */
  | { type: 'progress'; requestId: number; stage: 'decode' | 'convert'; fraction?: number }
  | { type: 'preview'; requestId: number; preview: ImportPreview }
  /** A large plan comes in parts (each a small task for the page), then 'plan' with the rest. */
  | { type: 'planPart'; requestId: number; customers?: ImportPlan['newCustomers']; updates?: ImportPlan['updates']; piece?: PurchaseColumns }
  | { type: 'plan'; requestId: number; plan: ImportPlan }
  | { type: 'unknownRefs'; requestId: number; lines: number; refs: number }
  | { type: 'problemsCsv'; requestId: number; csv: string }
  | { type: 'fileWithReasons'; requestId: number; csv: string }
  | { type: 'activityPreview'; requestId: number; preview: ActivityPreview }
  | { type: 'activityEntries'; requestId: number; entries: TimeEntry[]; newReps: string[] }
  | { type: 'recordsPreview'; requestId: number; preview: RecordPreview }
  | { type: 'recordsResult'; requestId: number; output: RecordOutputs[RecordKindId] }
  | { type: 'failed'; requestId: number; error: FileError }
  | { type: 'crashed'; requestId: number; message: string };

import type { RfmRequest } from '../lib/rfm/from-stats';

export type MigrationRequest = Omit<RfmRequest, 'analysisDay'> & { from: number; to: number };
import type { TierParams, TierState } from '../lib/tiers';

import type { GrowthLogEntry, GrowthScheme, GrowthState } from '../lib/growth';

export interface GrowthReviewRequest {
  states: GrowthState[];
  lastReview: number | null;
  today: number;
  scheme: GrowthScheme;
}
export interface GrowthReviewResult {
  states: GrowthState[];
  log: GrowthLogEntry[];
}

/** A tier review on `day` from the stored state (the page stores what comes back). */
export interface TierReviewRequest {
  day: number;
  params: TierParams;
  state: TierState[];
}
import type { PurchaseColumns } from '../lib/purchases/columns';
