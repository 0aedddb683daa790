/**
 * The open-format export's handler: builds the zip (Parquet, data dictionary, SQL) off the page.
 * The analysis it carries is the analysis engine's own answer (workers/analysis.worker 'rfm' and
 * 'abc', the same the Segments screen shows), which the page passes on packed: this worker never
 * scores the store a second way. It reads from the database only what it writes out: the lines
 * for purchase_lines.parquet, the customers, tiers and grades, and the rules' settings.
 */
import type { KeqingDb } from '../data/db';
import { getOpenExportSettings } from '../data/open-export';
import { readAllColumns } from '../data/purchases';
import { getStoreProfile, getTierParams } from '../data/settings';
import type { AbcCuts } from '../lib/abc/abc';
import { openExportZip, rulesForExport } from '../lib/export/open-export';
import { unpackClasses, unpackScores, type PackedClasses, type PackedScores } from '../lib/rfm/packed';
import type { RfmRequest } from '../lib/rfm/from-stats';
import { readCustomersPaged } from '../data/customers';
import { readTierStates } from '../data/tiers';

export interface OpenExportArgs {
  /** The request the engine scored, for the rules the SQL repeats. */
  request: RfmRequest;
  abcCuts: AbcCuts;
  /** The engine's answer to `request`: its analysis date and every scored customer. */
  analysisDay: number;
  scores: PackedScores;
  /** The engine's ABC classes for `abcCuts`. */
  classes: PackedClasses;
  /** ISO time written into the files. */
  exportedAt: string;
}

export const openExportHandlers = (db: () => KeqingDb) => ({
  openExport: async (args: OpenExportArgs) => {
    const [settings, profile, chunks, customers, tiers, grades, tierParams] = await Promise.all([
      getOpenExportSettings(db()),
      getStoreProfile(db()),
      readAllColumns(db()),
      readCustomersPaged(db(), () => {}),
      readTierStates(db()),
      db().gradeStates.toArray(),
      getTierParams(db()),
    ]);
    const scored = unpackScores(args.scores);
    const zip = await openExportZip({
      settings,
      storeName: profile.name,
      chunks,
      customers,
      rules: rulesForExport(args.request, args.abcCuts, tierParams.churnAfterDays),
      analysis: { analysisDay: args.analysisDay, customers: scored },
      abcOf: unpackClasses(args.classes),
      tiers: tiers.map((s) => ({ id: s.id, tier: s.tier, churned: s.churned })),
      grades: grades.map((g) => ({ id: g.id, grade: g.grade })),
      exportedAt: new Date(args.exportedAt),
    });
    const counts = { storeId: settings.storeId, lines: chunks.reduce((n, c) => n + c.length, 0), customers: customers.length, scored: scored.length, analysisDay: args.analysisDay };
    // A Blob crosses by reference: the page never copies the bytes (a 20 MB copy is a long task).
    return { zip: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), counts };
  },
});

export type OpenExportHandlers = ReturnType<typeof openExportHandlers>;
