/**
 * The page's handle on the analysis engine (analysis.worker.ts), which reads the stored lines itself:
 * `analysis.call('kpis', request, { signal })` is typed from the worker's handlers. RFM scores and ABC
 * classes travel packed; `rfm` and `abc` here unpack them when a screen first reads them.
 */
import { lazily, unpackClasses, unpackScores } from '../lib/rfm/packed';
import type { AbcCuts, AbcError } from '../lib/abc/abc';
import type { AbcOutcome } from '../lib/abc/from-stats';
import type { RfmOutcome, RfmRequest, RfmRunError } from '../lib/rfm/from-stats';
import { ok, err, type Result } from '../lib/result';
import type { AnalysisHandlers } from './analysis.worker';
import type { PurchaseColumns } from '../lib/purchases/columns';
import { createRpc, type CallOptions, type WorkerError } from './rpc';

/** How a screen asks (no progress or transfers for these two). */
type Asked = Pick<CallOptions, 'key' | 'priority' | 'signal'>;

const rpc = createRpc<AnalysisHandlers>(() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }));

export const analysis = {
  call: rpc.call,

  /** Scores and segments every customer who bought (re-asking re-scores without reading IndexedDB). */
  async rfm(request: RfmRequest, options?: Asked): Promise<Result<Result<RfmOutcome, RfmRunError[]>, WorkerError>> {
    const r = await rpc.call('rfm', request, options);
    if (!r.ok) return r;
    const { packed, ...result } = r.value;
    if (!result.ok) return ok(err(result.error));
    const outcome = result.value as RfmOutcome;
    if (packed) lazily(outcome, 'customers', () => unpackScores(packed));
    return ok(ok(outcome));
  },

  async abc(cuts: AbcCuts, options?: Asked): Promise<Result<Result<AbcOutcome, AbcError>, WorkerError>> {
    const r = await rpc.call('abc', cuts, options);
    if (!r.ok) return r;
    const { packed, ...result } = r.value;
    if (!result.ok) return ok(err(result.error));
    const outcome = result.value as AbcOutcome;
    if (packed) lazily(outcome, 'classOf', () => unpackClasses(packed));
    return ok(ok(outcome));
  },

  /**
   * A batch the page is about to write: `written` hands each chunk to the engine once IndexedDB has
   * taken its copy, its arrays moved, not copied (a few chunks a message), so the engine counts the
   * lines while the rest are written; `stored` says how the write ended (null: not stored). Once
   * stored, the engine takes the new lines in at once and keeps the KPI board's figures as of
   * `today` for them: a screen opened next, in this tab or another, reads them instead of counting.
   */
  writing(orderNumbers?: readonly Int32Array[]): BatchHandover {
    const token = ++aheadTokens;
    let slice: PurchaseColumns[] = [];
    let numbers: Int32Array[] = [];
    return {
      written(piece, index, last) {
        slice.push(piece);
        const own = orderNumbers?.[index];
        if (own) numbers.push(own);
        if (slice.length < HAND_PIECES && !last) return;
        const buffers = new Set<ArrayBuffer>();
        for (const p of [...slice, numbers]) for (const v of Object.values(p)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
        // The batch's own order numbering goes with its pieces, or not at all.
        const ask = numbers.length === slice.length ? { token, pieces: slice, orderNumbers: numbers, last } : { token, pieces: slice, last };
        // Visible, as linesStored: the two keep their order, and neither waits for a screen's question
        // (one may be waiting for the figures they lead to). Each is a moment's work.
        void rpc.call('linesAhead', ask, { transfer: [...buffers] });
        slice = [];
        numbers = [];
      },
      stored(batchId, today) {
        void rpc.call('linesStored', { token, batchId, today });
      },
    };
  },
};

/** See `analysis.writing`. */
export interface BatchHandover {
  /** Chunk `index` of the batch, once IndexedDB has taken it (its arrays are moved to the engine: unusable here afterwards). */
  written(piece: PurchaseColumns, index: number, last: boolean): void;
  stored(batchId: number | null, today: number): void;
}

/** Chunks (10,000 lines each) per message when the page hands lines to the engine. */
const HAND_PIECES = 4;
let aheadTokens = 0;
