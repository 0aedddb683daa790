/** Runs the open-format export in its own worker (a worker per export; cancel = terminate). */
import type { OpenExportInput } from '../lib/export/open-export';
import { err, ok, type Result } from '../lib/result';
import type { Job, WorkerFailure } from './client';

/** The input crosses as plain data: the date as an ISO instant. */
export type ToExportWorker = { type: 'openExport'; input: Omit<OpenExportInput, 'exportedAt'> & { exportedAt: string } };
export type FromExportWorker = { type: 'done'; zip: Uint8Array } | { type: 'crashed'; message: string };

export function openExportInWorker(input: OpenExportInput): Job<Result<Uint8Array, WorkerFailure>> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: Result<Uint8Array, WorkerFailure>) => void = () => {};
  const result = new Promise<Result<Uint8Array, WorkerFailure>>((resolve) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
  });
  worker.onmessage = ({ data }: MessageEvent<FromExportWorker>) => settle(data.type === 'done' ? ok(data.zip) : err({ code: 'worker.crashed', message: data.message }));
  worker.onerror = (event) => settle(err({ code: 'worker.crashed', message: event.message }));
  // The lines move, not copy: the page read them for this export only.
  const transfer = [...new Set(input.chunks.flatMap((c) => [c.day, c.customerId, c.amount, c.quantity, c.points, c.flags, c.orderNo, c.itemNo, c.customerRef].map((a) => a.buffer as ArrayBuffer)))];
  worker.postMessage({ type: 'openExport', input: { ...input, exportedAt: input.exportedAt.toISOString() } } satisfies ToExportWorker, transfer);
  return { result, cancel: () => settle(err({ code: 'worker.cancelled' })) };
}
