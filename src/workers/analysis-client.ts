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
import { createRpc, nextTask, type CallOptions, type WorkerError } from './rpc';

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
   * Hands the engine copies of a batch the page is about to store (`pieces` as they will be written,
   * one chunk each), a few chunks a message and a turn between messages so that no task of the page
   * is a long copy: the engine counts them while the page writes. Answers, once all are posted, the
   * token `stored` names them by.
   */
  async countAhead(pieces: readonly PurchaseColumns[]): Promise<number> {
    const token = ++aheadTokens;
    for (let i = 0; i < pieces.length || i === 0; i += HAND_PIECES) {
      void rpc.call('linesAhead', { token, pieces: pieces.slice(i, i + HAND_PIECES), last: i + HAND_PIECES >= pieces.length }, { priority: 'background' });
      await nextTask();
    }
    return token;
  },

  /**
   * How the write of the batch counted ahead ended: stored as `batchId`, or not (null). Once stored,
   * the engine takes the new lines in at once and keeps the KPI board's figures as of `today` for
   * them, so a screen opened next, in this tab or another, reads them instead of counting.
   */
  stored(token: number, batchId: number | null, today: number): void {
    void rpc.call('linesStored', { token, batchId }, { priority: 'background' });
    if (batchId !== null) void rpc.call('warm', { today }, { priority: 'background' });
  },
};

/** Chunks (10,000 lines each) per message when the page hands lines to the engine. */
const HAND_PIECES = 4;
let aheadTokens = 0;
