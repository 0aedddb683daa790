/** Messages between the page and its workers: one union per direction, per worker. */
import type { BackupContents, BackupError } from '../lib/backup/read';

export type ToBackupWorker = { type: 'read'; file: Blob };
export type FromBackupWorker =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; contents: BackupContents }
  | { type: 'failed'; error: BackupError }
  | { type: 'crashed'; message: string };

import type { FileError, ImportPreview, ImportSettings } from '../lib/import/analyse';
import type { CleaningChoices, ImportPlan, StoredKeys } from '../lib/import/plan';
import type { ProblemLabels } from '../lib/import/report';

/** Every request carries an id; answers name it, so a stale answer (after a newer request) is ignored. */
export type ToImportWorker =
  | { type: 'open'; requestId: number; bytes: ArrayBuffer; settings: ImportSettings }
  | { type: 'configure'; requestId: number; settings: ImportSettings }
  | { type: 'plan'; requestId: number; choices: CleaningChoices; stored: StoredKeys; now: string }
  | { type: 'problemsCsv'; requestId: number; labels: ProblemLabels };

export type FromImportWorker =
  /** fraction: how far the stage is, 0–1, when it can tell. */
  | { type: 'progress'; requestId: number; stage: 'decode' | 'convert'; fraction?: number }
  | { type: 'preview'; requestId: number; preview: ImportPreview }
  /** A large plan comes in parts (each a small task for the page), then 'plan' with the rest. */
  | { type: 'planPart'; requestId: number; customers?: ImportPlan['newCustomers']; updates?: ImportPlan['updates']; piece?: PurchaseColumns }
  | { type: 'plan'; requestId: number; plan: ImportPlan }
  | { type: 'problemsCsv'; requestId: number; csv: string }
  | { type: 'failed'; requestId: number; error: FileError }
  | { type: 'crashed'; requestId: number; message: string };

import type { RegistrationRate } from '../lib/customers/quality';
import type { AbcCuts, AbcError } from '../lib/abc/abc';
import type { AbcOutcome } from '../lib/abc/from-stats';
import type { Result } from '../lib/result';
import type { RfmOutcome, RfmRequest, RfmRunError } from '../lib/rfm/from-stats';
import type { MigrationMatrix } from '../lib/rfm/migration';

export type MigrationRequest = Omit<RfmRequest, 'analysisDay'> & { from: number; to: number };
import type { CustomerStats } from '../lib/customers/stats';
import type { PurchaseColumns, PurchaseLine } from '../lib/purchases/columns';

export type ToAnalysisWorker =
  /** Loading is streamed: start, chunks as they are read, done (answered with 'loaded'). */
  | { type: 'loadStart'; requestId: number; version: string }
  | { type: 'loadChunks'; requestId: number; version: string; chunks: PurchaseColumns[] }
  | { type: 'loadDone'; requestId: number; version: string }
  | { type: 'customerStats'; requestId: number }
  | { type: 'customerLines'; requestId: number; customerId: number }
  | { type: 'registration'; requestId: number }
  | { type: 'rfm'; requestId: number; request: RfmRequest }
  | { type: 'abc'; requestId: number; cuts: AbcCuts }
  | { type: 'migration'; requestId: number; request: MigrationRequest };

export type FromAnalysisWorker =
  | { type: 'loaded'; requestId: number; version: string; lines: number }
  | { type: 'customerStats'; requestId: number; stats: CustomerStats }
  | { type: 'customerLines'; requestId: number; lines: PurchaseLine[] }
  | { type: 'registration'; requestId: number; rate: RegistrationRate }
  | { type: 'rfm'; requestId: number; result: Result<RfmOutcome, RfmRunError[]> }
  | { type: 'abc'; requestId: number; result: Result<AbcOutcome, AbcError> }
  | { type: 'migration'; requestId: number; result: Result<MigrationMatrix, RfmRunError[]> }
  | { type: 'crashed'; requestId: number; message: string };
