/**
 * The open-format export bench page: seeds the store with the analysis bench's generated lines,
 * times Keqing's own analysis (the app's analysis client) and then the head-office package as the
 * Segments screen builds it (the engine's answer written out by the export worker), watching
 * the longest main-thread task. The zip is handed to bench/parquet.mjs as a download.
 */
import { DEFAULT_ABC_CUTS } from '../../src/lib/abc/abc';
import { analysis } from '../../src/workers/analysis-client';
import { openExportInWorker } from '../../src/workers/export-client';
import { benchSize, longTasks, ms, runBench, seedStore } from '../page-kit';

runBench(async (step) => {
  const { lines, customers } = benchSize();
  step('seeding');
  await seedStore(lines, customers);

  step('analysing');
  const result: Record<string, number> = {};
  result.appLoad = await ms(() => analysis.call('warm', undefined));
  const request = { analysisDay: null, method: 'rfm030', preset: 'rfm030' } as const;
  result.appAnalysis = await ms(async () => {
    const [rfm, abc] = [await analysis.rfm(request), await analysis.abc(DEFAULT_ABC_CUTS)];
    if (!rfm.ok || !rfm.value.ok || !abc.ok || !abc.value.ok) throw new Error('the bench store always segments');
  });

  step('exporting');
  longTasks.reset();
  let zip: Blob | null = null;
  result.exportMs = await ms(async () => {
    // As the Segments screen does: the engine answers, the export worker writes the package.
    const made = await openExportInWorker(request, DEFAULT_ABC_CUTS).result;
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    zip = made.value.zip;
    result.customers = made.value.counts.scored;
  });
  result.zipBytes = zip!.size;
  // Saved as the screen saves it (ui/download: an object URL and a click), inside the watched window.
  const link = document.createElement('a');
  link.href = URL.createObjectURL(zip!);
  link.download = 'bench.zip';
  document.body.append(link);
  link.click();
  result.exportLongestTask = await longTasks.longest(500);
  return result;
});
