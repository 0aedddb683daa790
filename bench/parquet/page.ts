/**
 * The open-format export bench page: seeds the store with the analysis bench's generated lines,
 * times Keqing's own analysis (the app's analysis client) and then the head-office package as the
 * Segments screen builds it (the export worker reads the store, scores it and zips it), watching
 * the longest main-thread task. The zip is handed to bench/parquet.mjs as a download.
 */
import { db } from '../../src/data/db';
import { addPurchaseBatch } from '../../src/data/purchases';
import { clearAllData } from '../../src/data/store';
import { DEFAULT_ABC_CUTS } from '../../src/lib/abc/abc';
import { packBatch } from '../../src/lib/purchases/line-key';
import { analysis } from '../../src/workers/analysis-client';
import { openExportInWorker } from '../../src/workers/export-client';
import { benchLines } from '../analysis/lines';

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

async function main() {
  const params = new URLSearchParams(location.search);
  const lines = Number(params.get('lines') ?? 1_000_000);
  const customers = Number(params.get('customers') ?? 100_000);
  const state = document.getElementById('state')!;
  state.textContent = 'seeding';
  await clearAllData(db, { keepSettings: false });
  await addPurchaseBatch(db, 'demo', 'bench', packBatch(benchLines(lines, customers)));

  state.textContent = 'analysing';
  const result: Record<string, number> = {};
  let t0 = performance.now();
  await analysis.call('warm', undefined);
  result.appLoad = performance.now() - t0;
  t0 = performance.now();
  const request = { analysisDay: null, method: 'rfm030', preset: 'rfm030' } as const;
  const [rfm, abc] = [await analysis.rfm(request), await analysis.abc(DEFAULT_ABC_CUTS)];
  result.appAnalysis = performance.now() - t0;
  if (!rfm.ok || !rfm.value.ok || !abc.ok || !abc.value.ok) throw new Error('the bench store always segments');

  state.textContent = 'exporting';
  window.__longest = 0;
  t0 = performance.now();
  // As the Segments screen does: the worker reads the store and scores it itself.
  const zip = await openExportInWorker(request, DEFAULT_ABC_CUTS).result;
  if (!zip.ok) throw new Error(JSON.stringify(zip.error));
  result.exportMs = performance.now() - t0;
  result.zipBytes = zip.value.zip.size;
  result.customers = zip.value.counts.scored;
  // Saved as the screen saves it (ui/download: an object URL and a click), inside the watched window.
  const link = document.createElement('a');
  link.href = URL.createObjectURL(zip.value.zip);
  link.download = 'bench.zip';
  document.body.append(link);
  link.click();
  // Long-task entries arrive after the task: wait for the last one before reading.
  await new Promise((resolve) => setTimeout(resolve, 500));
  result.exportLongestTask = window.__longest;
  window.__result = result;
  state.textContent = 'done';
}

main().catch((e: unknown) => {
  window.__error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
});
