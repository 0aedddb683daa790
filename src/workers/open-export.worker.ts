/**
 * Builds the open-format zip (Parquet, data dictionary, SQL) off the page. It reads the store
 * from IndexedDB itself and computes the analysis with the same lib code as the analysis worker,
 * so nothing large crosses from the page: 1 M lines export without a long main-thread task.
 */
import { KeqingDb } from '../data/db';
import { getOpenExportSettings } from '../data/open-export';
import { readAllColumns } from '../data/purchases';
import { getStoreProfile } from '../data/settings';
import type { AbcCuts } from '../lib/abc/abc';
import { analysisForExport, openExportZip } from '../lib/export/open-export';
import { err, ok } from '../lib/result';
import type { RfmRequest } from '../lib/rfm/from-stats';
import { serve } from './rpc';

const db = new KeqingDb();

const handlers = {
  /** exportedAt: ISO time written into the files. */
  openExport: async ({ request, abcCuts, exportedAt }: { request: RfmRequest; abcCuts: AbcCuts; exportedAt: string }) => {
    const [settings, profile, chunks, customers, tiers, grades] = await Promise.all([
      getOpenExportSettings(db),
      getStoreProfile(db),
      readAllColumns(db),
      db.customers.toArray(),
      db.tierStates.toArray(),
      db.gradeStates.toArray(),
    ]);
    const analysed = analysisForExport(chunks, request, abcCuts);
    if (!analysed.ok) return err({ code: 'openExport.analysis' as const, codes: analysed.error.map((e) => e.code) });
    const zip = await openExportZip({
      settings,
      storeName: profile.name,
      chunks,
      customers,
      ...analysed.value,
      tiers: tiers.map((s) => ({ id: s.id, tier: s.tier, churned: s.churned })),
      grades: grades.map((g) => ({ id: g.id, grade: g.grade })),
      exportedAt: new Date(exportedAt),
    });
    const counts = { storeId: settings.storeId, lines: chunks.reduce((n, c) => n + c.length, 0), customers: customers.length, scored: analysed.value.analysis?.customers.length ?? 0, analysisDay: analysed.value.analysis?.analysisDay ?? 0 };
    // A Blob crosses by reference: the page never copies the bytes (a 20 MB copy is a long task).
    return ok({ zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), counts });
  },
};

export type OpenExportHandlers = typeof handlers;
serve(handlers);
