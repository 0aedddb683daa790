/** The backup and export workers: backups, restores and per-customer files made off the page's thread. */
import type { BackupHandlers } from './backup.handlers';
import type { ExportHandlers } from './export.handlers';
import { createRpc } from './rpc';

/** A job another worker client hands out (cancel = terminate). */
export interface Job<T> {
  result: Promise<T>;
  cancel(): void;
}


// Reading a file cannot stop midway: a cancelled read ends the worker (and the rows it held).
export const backup = createRpc<BackupHandlers>(() => new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' }), { terminateOnCancel: true });

/** The export worker: per-customer CSV files built where the page's thread does not wait. */
export const csvExports = createRpc<ExportHandlers>(() => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' }));
