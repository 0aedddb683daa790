/** Starts worker jobs. A worker per job: cancelling is terminate(), and a crash cannot leak into the next job. */
import type { BackupContents, BackupError, ReadOptions } from '../lib/backup/read';
import { err, ok, type Result } from '../lib/result';
import type { FromBackupWorker, ToBackupWorker } from './protocol';

export interface Job<T> {
  result: Promise<T>;
  cancel(): void;
}

export type WorkerFailure = { code: 'worker.crashed'; message: string } | { code: 'worker.cancelled' };

export function readBackupInWorker(file: Blob, onProgress: (fraction: number) => void, options: ReadOptions = {}): Job<Result<BackupContents, BackupError | WorkerFailure>> {
  const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: Result<BackupContents, BackupError | WorkerFailure>) => void = () => {};
  const result = new Promise<Result<BackupContents, BackupError | WorkerFailure>>((resolve) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
  });
  worker.onmessage = ({ data }: MessageEvent<FromBackupWorker>) => {
    if (data.type === 'progress') return onProgress(data.fraction);
    if (data.type === 'done') return settle(ok(data.contents));
    if (data.type === 'failed') return settle(err(data.error));
    settle(err({ code: 'worker.crashed', message: data.message }));
  };
  worker.onerror = (event) => settle(err({ code: 'worker.crashed', message: event.message }));
  worker.postMessage({ type: 'read', file, options } satisfies ToBackupWorker);
  return { result, cancel: () => settle(err({ code: 'worker.cancelled' })) };
}
