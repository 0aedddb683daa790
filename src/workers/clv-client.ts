/** Runs a lifetime-value fit in its own worker, so the page stays responsive and a fit can be cancelled. */
import type { FitError } from '../lib/clv/bgnbd';
import type { ClvOutcome } from '../lib/clv/model';
import type { TransactionSummary } from '../lib/clv/summary';
import { err, ok, type Result } from '../lib/result';
import type { Job, WorkerFailure } from './client';
import type { FromClvWorker, ToClvWorker } from './protocol';

export function fitClvInWorker(summary: TransactionSummary, horizonDays: number): Job<Result<ClvOutcome, FitError | WorkerFailure>> {
  const worker = new Worker(new URL('./clv.worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: Result<ClvOutcome, FitError | WorkerFailure>) => void = () => {};
  const result = new Promise<Result<ClvOutcome, FitError | WorkerFailure>>((resolve) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
  });
  worker.onmessage = ({ data }: MessageEvent<FromClvWorker>) => {
    if (data.type === 'fitted') return settle(data.result.ok ? ok(data.result.value) : err(data.result.error));
    settle(err({ code: 'worker.crashed', message: data.message }));
  };
  worker.onerror = (event) => settle(err({ code: 'worker.crashed', message: event.message }));
  // Copied, not moved: the page keeps the summary to show beside the scores.
  worker.postMessage({ type: 'fit', requestId: 1, summary, horizonDays } satisfies ToClvWorker);
  return { result, cancel: () => settle(err({ code: 'worker.cancelled' })) };
}
