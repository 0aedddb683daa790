/**
 * The whole customer file with what segmentation says of each customer (issue 5's customer
 * export): id, name, phone, recency, frequency, monetary, R, F, M, RFM score, segment, ABC class
 * and store tier. Every filed customer gets a row; one who never bought has the RFM cells blank.
 */
import type { CsvCell } from '../csv/export';
import type { Tier } from '../tiers/rules';

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
  customers: readonly { id: number; name: string; phone?: string | undefined }[];
  scored: readonly ScoredCustomer[];
  abcOf: Readonly<Record<number, 'A' | 'B' | 'C'>>;
  tiers: readonly { id: number; tier: Tier; churned: boolean }[];
}

export interface ExportWords {
  /** How a phone is written: masked unless the user chose full numbers. */
  phone: (phone: string) => string;
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
      return [c.id, c.name, c.phone ? words.phone(c.phone) : '', ...rfm, abcOf[c.id] ?? '', t ? (t.churned ? words.churned(t.tier) : t.tier) : ''];
    });
}
