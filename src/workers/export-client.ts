/**
 * The open-format export: the analysis engine (analysis.worker) answers the RFM request and the
 * ABC cuts, as for the Segments screen (a re-ask, no IndexedDB read), and the export worker
 * (open-export.worker.ts) writes that answer with the store's files; cancelling ends both calls.
 */
import type { AbcCuts, AbcError } from '../lib/abc/abc';
import { err, ok, type Result } from '../lib/result';
import { packedBuffers } from '../lib/rfm/packed';
import type { RfmRequest, RfmRunError } from '../lib/rfm/from-stats';
import { analysis } from './analysis-client';
import type { Job } from './client';
import type { OpenExportHandlers } from './open-export.handlers';
import { createRpc, type AnswerOf, type WorkerError } from './rpc';

const rpc = createRpc<OpenExportHandlers>(() => new Worker(new URL('./open-export.worker.ts', import.meta.url), { type: 'module' }), { terminateOnCancel: true });

export type ExportCounts = AnswerOf<OpenExportHandlers['openExport']>['counts'];
/** The engine could not score the store (no purchases, an empty period, bad cuts…): its codes. */
export type ExportFailure = WorkerError | { code: 'openExport.analysis'; codes: (RfmRunError | AbcError)['code'][] };

async function run(request: RfmRequest, abcCuts: AbcCuts, exportedAt: Date, signal: AbortSignal): Promise<Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>> {
  const [rfm, abc] = await Promise.all([analysis.call('rfm', request, { signal }), analysis.call('abc', abcCuts, { signal })]);
  if (!rfm.ok) return rfm;
  if (!abc.ok) return abc;
  const { packed: scores, ...scored } = rfm.value;
  const { packed: classes, ...classed } = abc.value;
  if (!scored.ok || !classed.ok || !scores || !classes) {
    const codes = [...(scored.ok ? [] : scored.error.map((e) => e.code)), ...(classed.ok ? [] : [classed.error.code])];
    return err({ code: 'openExport.analysis', codes });
  }
  // The packed answer moves on to the export worker (transferred, not copied).
  const args = { request, abcCuts, analysisDay: scored.value.analysisDay, scores, classes, exportedAt: exportedAt.toISOString() };
  const made = await rpc.call('openExport', args, { signal, transfer: [...packedBuffers(scores), classes.ids.buffer, classes.classes.buffer] as ArrayBuffer[] });
  return made.ok ? ok(made.value) : made;
}

export function openExportInWorker(request: RfmRequest, abcCuts: AbcCuts, exportedAt = new Date()): Job<Result<{ zip: Blob; counts: ExportCounts }, ExportFailure>> {
  const controller = new AbortController();
  return { result: run(request, abcCuts, exportedAt, controller.signal), cancel: () => controller.abort() };
}
