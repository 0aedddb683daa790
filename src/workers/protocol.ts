/** Messages between the page and its workers: one union per direction, per worker. */
import type { BackupContents, BackupError } from '../lib/backup/read';

export type ToBackupWorker = { type: 'read'; file: Blob };
export type FromBackupWorker =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; contents: BackupContents }
  | { type: 'failed'; error: BackupError }
  | { type: 'crashed'; message: string };
