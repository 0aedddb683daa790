/**
 * The analysis bench page: seeds the store with generated lines, then times the app's own
 * analysis client (load, first answer, re-scores) and, in a worker, the analysis itself against
 * a plain group-by. Results go to `window.__result` for bench/analysis.mjs to read.
 */
import { db } from '../../src/data/db';
import { readAllColumns } from '../../src/data/purchases';
import { analysis } from '../../src/workers/analysis-client';
import { benchSize, longTasks, ms, runBench, seedStore } from '../page-kit';

runBench(async (step) => {
  const { lines, customers } = benchSize();
  step('seeding');
  await seedStore(lines, customers);

  step('measuring');
  longTasks.reset();
  const result: Record<string, number> = {};
  result.appLoad = await ms(() => analysis.call('warm', undefined));
  result.appFirstRfm = await ms(() => analysis.rfm({ analysisDay: null, method: 'quantile', preset: 'rfm030' }));
  // Re-scoring: another method, another preset, another ABC cut — no IndexedDB read.
  result.appRescore = Math.max(
    await ms(() => analysis.rfm({ analysisDay: null, method: 'rfm030', preset: 'rfm030' })),
    await ms(() => analysis.rfm({ analysisDay: null, method: 'quantile', preset: 'rfGrid' })),
    await ms(() => analysis.abc({ a: 0.7, b: 0.9 })),
  );
  result.appLongestTask = await longTasks.longest();

  const chunks = await readAllColumns(db);
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  const inWorker = await new Promise<Record<string, number>>((resolve, reject) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ chunks });
  });
  worker.terminate();
  return { ...result, ...inWorker };
});
