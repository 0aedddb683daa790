import { describe, expect, it } from 'vitest';
import { historicBuffers, historicTotals, packedHistoricTotals, packHistoric, unpackHistoric, type HistoricRow } from '../../src/lib/clv/historic';

const row = (id: number, revenue: number, lapsed: boolean): HistoricRow & { name: string } => ({
  id,
  name: `客户${id}`,
  firstDay: 19000 + id,
  lastDay: 19500 + id,
  tenureDays: 500,
  orders: 3,
  revenue,
  profit: Math.round(revenue * 0.4),
  averageOrder: Math.round(revenue / 3),
  ordersPerYear: 2.19,
  valuePerYear: 12_345,
  lapsed,
  forwardRevenue: lapsed ? 0 : 40_000,
  forwardProfit: lapsed ? 0 : 16_000,
});

describe('historic rows packed for the page', () => {
  it('come back field for field and in order, fractions and flags included', () => {
    const rows = [row(7, 99_900, false), row(3, 1_050, true), row(12, 0, false)];
    const packed = packHistoric(rows);
    expect(packed.ids).toEqual(Int32Array.from([7, 3, 12]));
    expect(historicBuffers(packed)).toHaveLength(13); // every typed column travels as a buffer
    expect(unpackHistoric(structuredClone(packed))).toEqual(rows);
  });

  it('packs no rows', () => {
    expect(unpackHistoric(packHistoric([]))).toEqual([]);
  });

  it('are totalled from the columns as from the rows', () => {
    const rows = [row(7, 99_900, false), row(3, 1_050, true), row(12, 0, false)];
    // Revenue 99,900 + 1,050 + 0 = 100,950; profit 39,960 + 420 + 0 = 40,380;
    // forward: the two active customers, 2 × 40,000 and 2 × 16,000.
    const totals = { customers: 3, revenue: 100_950, profit: 40_380, forwardRevenue: 80_000, forwardProfit: 32_000 };
    expect(packedHistoricTotals(packHistoric(rows))).toEqual(totals);
    expect(historicTotals(rows)).toEqual(totals);
    expect(packedHistoricTotals(packHistoric([]))).toEqual({ customers: 0, revenue: 0, profit: 0, forwardRevenue: 0, forwardProfit: 0 });
  });
});
