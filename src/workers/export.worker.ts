/**
 * Builds the open-format zip (Parquet, data dictionary, SQL) off the page. It reads the store
 * from IndexedDB itself and computes the analysis with the same lib code as the analysis worker,
 * so nothing large crosses from the page: 1 M lines export without a long main-thread task.
 */
import { db } from '../data/db';
import { getOpenExportSettings } from '../data/open-export';
import { readAllColumns } from '../data/purchases';
import { getStoreProfile } from '../data/settings';
import { analysisForExport, openExportZip } from '../lib/export/open-export';
import type { FromExportWorker, ToExportWorker } from './export-client';

const post = (message: FromExportWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = async ({ data }: MessageEvent<ToExportWorker>) => {
  try {
    const [settings, profile, chunks, customers, tiers, grades] = await Promise.all([
      getOpenExportSettings(db),
      getStoreProfile(db),
      readAllColumns(db),
      db.customers.toArray(),
      db.tierStates.toArray(),
      db.gradeStates.toArray(),
    ]);
    const analysed = analysisForExport(chunks, data.request, data.abcCuts);
    if (!analysed.ok) return post({ type: 'failed', codes: analysed.error.map((e) => e.code) });
    const zip = await openExportZip({
      settings,
      storeName: profile.name,
      chunks,
      customers,
      ...analysed.value,
      tiers: tiers.map((s) => ({ id: s.id, tier: s.tier, churned: s.churned })),
      grades: grades.map((g) => ({ id: g.id, grade: g.grade })),
      exportedAt: new Date(data.exportedAt),
    });
    const counts = { storeId: settings.storeId, lines: chunks.reduce((n, c) => n + c.length, 0), customers: customers.length, scored: analysed.value.analysis?.customers.length ?? 0, analysisDay: analysed.value.analysis?.analysisDay ?? 0 };
    // A Blob crosses by reference: the page never copies the bytes (a 20 MB copy is a long task).
    post({ type: 'done', zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), counts });
  } catch (e) {
    post({ type: 'crashed', message: e instanceof Error ? e.message : String(e) });
  } finally {
    db.close();
  }
};
