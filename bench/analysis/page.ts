/**
 * The analysis bench page: seeds the store with generated lines, then times the app's own
 * analysis client (load, first answer, re-scores) and, in a worker, the analysis itself against
 * a plain group-by. Results go to `window.__result` for bench/analysis.mjs to read.
 */
import { db } from '../../src/data/db';
import { addPurchaseBatch, readAllColumns } from '../../src/data/purchases';
import { clearAllData } from '../../src/data/store';
import { packBatch } from '../../src/lib/purchases/line-key';
import { analysis } from '../../src/workers/analysis-client';
import { benchLines } from './lines';

declare global {
  interface Window {
    __result?: Record<string, number>;
    __error?: string;
    __longest: number;
  }
}

window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: 'longtask', buffered: true });

const ms = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

async function main() {
  const params = new URLSearchParams(location.search);
  const lines = Number(params.get('lines') ?? 1_000_000);
  const customers = Number(params.get('customers') ?? 100_000);
  const state = document.getElementById('state')!;
  state.textContent = 'seeding';
  await clearAllData(db, { keepSettings: false });
  await addPurchaseBatch(db, 'demo', 'bench', packBatch(benchLines(lines, customers)));

  state.textContent = 'measuring';
  window.__longest = 0;
  const result: Record<string, number> = {};
  result.appLoad = await ms(() => analysis.call('warm', undefined));
  result.appFirstRfm = await ms(() => analysis.rfm({ analysisDay: null, method: 'quantile', preset: 'rfm030' }));
  // Re-scoring: another method, another preset, another ABC cut — no IndexedDB read.
  result.appRescore = Math.max(
    await ms(() => analysis.rfm({ analysisDay: null, method: 'rfm030', preset: 'rfm030' })),
    await ms(() => analysis.rfm({ analysisDay: null, method: 'quantile', preset: 'rfGrid' })),
    await ms(() => analysis.abc({ a: 0.7, b: 0.9 })),
  );
  result.appLongestTask = window.__longest;

  const chunks = await readAllColumns(db);
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  const inWorker = await new Promise<Record<string, number>>((resolve, reject) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ chunks });
  });
  worker.terminate();
  window.__result = { ...result, ...inWorker };
  state.textContent = 'done';
}

main().catch((e: unknown) => {
  window.__error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
});
