/** Runs the open-format export in its own worker (a worker per export; cancel = terminate). */
import type { AbcCuts } from '../lib/abc/abc';
import { err, ok, type Result } from '../lib/result';
import type { RfmRequest } from '../lib/rfm/from-stats';
import type { Job, WorkerFailure } from './client';

/** Only the request crosses: the worker reads the store itself (plain data: it is posted). */
export type ToExportWorker = { type: 'openExport'; request: RfmRequest; abcCuts: AbcCuts; exportedAt: string };
export interface ExportCounts {
  storeId: string;
  lines: number;
  customers: number;
  scored: number;
  analysisDay: number;
}
export type FromExportWorker = { type: 'done'; zip: Blob; counts: ExportCounts } | { type: 'failed'; codes: string[] } | { type: 'crashed'; message: string };

export type ExportFailure = WorkerFailure | { code: 'openExport.analysis'; codes: string[] };

export function openExportInWorker(request: RfmRequest, abcCuts: AbcCuts, exportedAt = new Date()): Job<Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>) => void = () => {};
  const result = new Promise<Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>>((resolve) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
  });
  worker.onmessage = ({ data }: MessageEvent<FromExportWorker>) => {
    if (data.type === 'done') return settle(ok({ zip: data.zip, counts: data.counts }));
    settle(err(data.type === 'failed' ? { code: 'openExport.analysis', codes: data.codes } : { code: 'worker.crashed', message: data.message }));
  };
  worker.onerror = (event) => settle(err({ code: 'worker.crashed', message: event.message }));
  worker.postMessage({ type: 'openExport', request, abcCuts, exportedAt: exportedAt.toISOString() } satisfies ToExportWorker);
  return { result, cancel: () => settle(err({ code: 'worker.cancelled' })) };
}
