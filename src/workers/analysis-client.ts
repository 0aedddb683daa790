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
   * Hands the engine the lines of a batch just stored (`pieces` as written, one chunk each), a few
   * chunks a message so no message is a long clone for the page, their arrays moved, not copied:
   * the pieces are unusable here afterwards. Then the engine takes the new lines in at once and
   * keeps the KPI board's figures as of `today` for them.
   */
  async handStored(batchId: number, pieces: readonly PurchaseColumns[], today: number): Promise<void> {
    for (let i = 0; i < pieces.length || i === 0; i += HAND_PIECES) {
      const slice = pieces.slice(i, i + HAND_PIECES);
      const buffers = new Set<ArrayBuffer>();
      for (const piece of slice) for (const v of Object.values(piece)) if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
      const r = await rpc.call('linesStored', { batchId, pieces: slice, last: i + HAND_PIECES >= pieces.length }, { priority: 'background', transfer: [...buffers] });
      // Not taken (the engine crashed): it reads the batch back when it needs it.
      if (!r.ok) return;
    }
    void rpc.call('warm', { today }, { priority: 'background' });
  },
};

/** Chunks (10,000 lines each) per message when the page hands stored lines to the engine. */
const HAND_PIECES = 4;
