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
  | { type: 'progress'; requestId: number; stage: 'decode' | 'convert' }
  | { type: 'preview'; requestId: number; preview: ImportPreview }
  | { type: 'plan'; requestId: number; plan: ImportPlan }
  | { type: 'problemsCsv'; requestId: number; csv: string }
  | { type: 'failed'; requestId: number; error: FileError }
  | { type: 'crashed'; requestId: number; message: string };
