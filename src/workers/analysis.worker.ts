/**
 * Holds every purchase line as typed arrays and answers questions about them, so a screen can
 * re-ask (another filter, another date) without reading IndexedDB again.
 */
import { registrationRate } from '../lib/customers/quality';
import { runAbc } from '../lib/abc/from-stats';
import { runMigration, runRfm } from '../lib/rfm/from-stats';
import { customerStats, statsAccumulator, type CustomerStats } from '../lib/customers/stats';
import { lineAt, type PurchaseColumns, type PurchaseLine } from '../lib/purchases/columns';
import type { FromAnalysisWorker, ToAnalysisWorker } from './protocol';

let chunks: PurchaseColumns[] = [];
let loading = '';
let accumulator = statsAccumulator();
let stats: CustomerStats | null = null;

/** Stats as the store stood on `day` (purchases before it); all of them when no day is given. */
function statsBefore(day: number | null): CustomerStats {
  stats ??= accumulator.result();
  if (day === null) return stats;
  return customerStats(chunks, day);
}

const post = (message: FromAnalysisWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = ({ data }: MessageEvent<ToAnalysisWorker>) => {
  try {
    switch (data.type) {
      case 'loadStart':
        loading = data.version;
        chunks = [];
        accumulator = statsAccumulator();
        stats = null;
        return;
      case 'loadChunks':
        // Stats grow while the page is still reading the next chunks.
        if (data.version !== loading) return;
        for (const chunk of data.chunks) {
          chunks.push(chunk);
          accumulator.add(chunk);
        }
        return;
      case 'loadDone':
        // A superseded load is still answered (its caller then waits for the newer one).
        if (data.version === loading) stats = accumulator.result();
        return post({ type: 'loaded', requestId: data.requestId, version: data.version, lines: chunks.reduce((n, c) => n + c.length, 0) });
      case 'customerStats':
        // Copies go out; the worker keeps its own for the next question.
        return post({ type: 'customerStats', requestId: data.requestId, stats: structuredClone(statsBefore(null)) });
      case 'rfm':
        return post({ type: 'rfm', requestId: data.requestId, result: runRfm(statsBefore(data.request.analysisDay), data.request) });
      case 'migration': {
        const { from, to } = data.request;
        return post({ type: 'migration', requestId: data.requestId, result: runMigration(statsBefore(from), statsBefore(to), data.request) });
      }
      case 'abc':
        return post({ type: 'abc', requestId: data.requestId, result: runAbc(statsBefore(null), data.cuts) });
      case 'registration':
        return post({ type: 'registration', requestId: data.requestId, rate: registrationRate(chunks) });
      case 'customerLines': {
        const lines: PurchaseLine[] = [];
        for (const c of chunks) for (let i = 0; i < c.length; i++) if (c.customerId[i] === data.customerId) lines.push(lineAt(c, i));
        lines.sort((a, b) => b.day - a.day);
        return post({ type: 'customerLines', requestId: data.requestId, lines });
      }
    }
  } catch (e) {
    post({ type: 'crashed', requestId: data.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
