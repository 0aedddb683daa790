/**
 * The whole customer file with what segmentation says of each customer (issue 5's customer
 * export): the shop's keys (lib/customers/export-keys), recency, frequency, monetary, R, F, M,
 * RFM score, segment, ABC class and store tier. Every filed customer gets a row; one who never
 * bought has the RFM cells blank. The file imports again onto the same customers (issue 15 §2),
 * so no figure's header may be a word the importer takes for a customer field.
 */
import type { CsvCell } from '../csv/export';
import { exportKeyCells, type KeyCustomer, type KeyOptions } from '../customers/export-keys';
import type { Tier } from '../tiers/rules';

/** The headers after the key columns, as message keys (R, F and M are written as they are). */
export const customerExportFigureHeaders = ['export.recencyDays', 'export.frequency', 'exportKeys.rfm.monetary', 'R', 'F', 'M', 'segments.score', 'exportKeys.rfm.segment', 'export.abc', 'exportKeys.tier'] as const;

export interface ScoredCustomer {
  id: number;
  r: number;
  f: number;
  m: number;
  score: number;
  segment: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export interface ExportInputs {
  customers: readonly KeyCustomer[];
  scored: readonly ScoredCustomer[];
  abcOf: Readonly<Record<number, 'A' | 'B' | 'C'>>;
  tiers: readonly { id: number; tier: Tier; churned: boolean }[];
}

export interface ExportWords {
  /** The key columns' phone: masked unless the user chose full numbers. */
  keys: KeyOptions;
  segment: (id: string) => string;
  /** A churned customer's tier cell, e.g. 'B（流失）'. */
  churned: (tier: Tier) => string;
}

export function customerExportRows({ customers, scored, abcOf, tiers }: ExportInputs, words: ExportWords): CsvCell[][] {
  const byId = new Map(scored.map((s) => [s.id, s]));
  const tierOf = new Map(tiers.map((t) => [t.id, t]));
  return [...customers]
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const s = byId.get(c.id);
      const t = tierOf.get(c.id);
      const rfm: CsvCell[] = s ? [s.recencyDays, s.frequency, s.monetary, s.r, s.f, s.m, s.score, words.segment(s.segment)] : ['', '', '', '', '', '', '', ''];
      return [...exportKeyCells(c, c.id, words.keys), ...rfm, abcOf[c.id] ?? '', t ? (t.churned ? words.churned(t.tier) : t.tier) : ''];
    });
}
