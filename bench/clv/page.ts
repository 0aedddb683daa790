/**
 * The lifetime-value bench page: the analysis bench's generated store (1,000,000 lines,
 * 100,000 customers), summarised as the analysis worker does, then fitted in the app's own clv
 * worker (BG/NBD + Gamma-Gamma + scoring every customer). Results go to `window.__result`.
 */
import { lastPurchaseDay, transactionSummary } from '../../src/lib/clv/summary';
import { clv } from '../../src/workers/clv-client';
import { benchLines } from '../analysis/lines';

declare global {
  interface Window {
    __result?: Record<string, number>;
    __error?: string;
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  const lines = Number(params.get('lines') ?? 1_000_000);
  const customers = Number(params.get('customers') ?? 100_000);
  const state = document.getElementById('state')!;
  const chunks = [benchLines(lines, customers)];
  state.textContent = 'measuring';
  const t0 = performance.now();
  const summary = transactionSummary(chunks, lastPurchaseDay(chunks)! + 1, 'week');
  const summaryMs = performance.now() - t0;
  const t1 = performance.now();
  const answer = await clv.call('fit', { summary, horizonDays: 90 });
  const wallMs = performance.now() - t1;
  if (!answer.ok) throw new Error(answer.error.code);
  const r = answer.value;
  if (!r.ok) throw new Error(r.error.code);
  window.__result = {
    customers: summary.ids.length,
    summaryMs,
    fitMs: r.value.fitMs,
    wallMs,
    converged: Number(r.value.bgnbd.converged && (r.value.gammaGamma?.converged ?? true)),
  };
  state.textContent = 'done';
}

main().catch((e: unknown) => {
  window.__error = e instanceof Error ? e.message : String(e);
});
