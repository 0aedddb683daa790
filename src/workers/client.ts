/** The backup worker: makes backups and checks and writes restores, off the page's thread. */
import type { BackupHandlers } from './backup.handlers';
import { createRpc } from './rpc';

/** A job another worker client hands out (cancel = terminate). */
export interface Job<T> {
  result: Promise<T>;
  cancel(): void;
}

export type WorkerFailure = { code: 'worker.crashed'; message: string } | { code: 'worker.cancelled' };

// Reading a file cannot stop midway: a cancelled read ends the worker (and the rows it held).
export const backup = createRpc<BackupHandlers>(() => new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' }), { terminateOnCancel: true });
