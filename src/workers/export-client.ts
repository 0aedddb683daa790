/** Runs the open-format export in its worker (open-export.worker.ts); cancelling ends the worker. */
import type { AbcCuts } from '../lib/abc/abc';
import type { Result } from '../lib/result';
import type { RfmRequest } from '../lib/rfm/from-stats';
import type { Job } from './client';
import type { OpenExportHandlers } from './open-export.worker';
import { createRpc, type AnswerOf, type WorkerError } from './rpc';

const rpc = createRpc<OpenExportHandlers>(() => new Worker(new URL('./open-export.worker.ts', import.meta.url), { type: 'module' }), { terminateOnCancel: true });

type Answer = AnswerOf<OpenExportHandlers['openExport']>;
export type ExportCounts = Extract<Answer, { ok: true }>['value']['counts'];
export type ExportFailure = WorkerError | Extract<Answer, { ok: false }>['error'];

export function openExportInWorker(request: RfmRequest, abcCuts: AbcCuts, exportedAt = new Date()): Job<Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>> {
  const controller = new AbortController();
  const result = rpc.call('openExport', { request, abcCuts, exportedAt: exportedAt.toISOString() }, { signal: controller.signal }).then((r) => (r.ok ? r.value : r));
  return { result, cancel: () => controller.abort() };
}
