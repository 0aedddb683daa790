import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/lib/customers/customer';
import { averageInventory, grossMargins, salesComposition, turnover, turnoverRate } from '../../src/lib/products/analysis';
import { salesByItem } from '../../src/lib/products/sales';
import { LineFlag, packLines } from '../../src/lib/purchases/columns';

const products: Product[] = [
  { code: 'A', name: '连衣裙', category: '', price: 50_000, cost: 20_000, target: 100_000, stockOpen: 10, stockClose: 6 },
  { code: 'B', name: '衬衫', category: '', price: 20_000, cost: 12_000 },
  { code: 'C', name: '围巾', category: '', price: 10_000, stockOpen: 0, stockClose: 0 },
  { code: 'D', name: '腰带', category: '', price: 8_000, cost: 3_000, stockOpen: 4, stockClose: 2 },
];
// Sales: A 3 × ¥500 = ¥1,500; B 5 × ¥200 = ¥1,000; C 4 × ¥100 = ¥400; D 1 × ¥80 = ¥80 → ¥2,980.
const sales = [
  { code: 'B', quantity: 5, amount: 100_000 },
  { code: 'A', quantity: 3, amount: 150_000 },
  { code: 'D', quantity: 1, amount: 8_000 },
  { code: 'C', quantity: 4, amount: 40_000 },
];

describe('sales by item from purchase lines', () => {
  it('nets returns, leaves out excluded and non-product lines, and counts lines without an item', () => {
    const chunk = packLines([
      { day: 100, customerId: 1, amount: 50_000, quantity: 1, itemNo: 'A' },
      { day: 101, customerId: 1, amount: 50_000, quantity: 1, itemNo: 'A' },
      { day: 102, customerId: 1, amount: -50_000, quantity: -1, itemNo: 'A', flags: LineFlag.returned },
      { day: 103, customerId: 2, amount: 20_000, quantity: 1, itemNo: 'B', flags: LineFlag.excluded | LineFlag.cancellation },
      { day: 103, customerId: 2, amount: 1_000, quantity: 1, itemNo: 'POST', flags: LineFlag.nonProduct },
      { day: 104, customerId: 2, amount: 9_900, quantity: 1 },
      { day: 200, customerId: 2, amount: 20_000, quantity: 1, itemNo: 'B' },
    ]);
    const r = salesByItem([chunk], 100, 150);
    expect(r.items).toEqual([{ code: 'A', quantity: 1, amount: 50_000 }]);
    expect(r.linesWithoutItem).toBe(1);
    expect([r.firstDay, r.lastDay]).toEqual([100, 200]);
  });
});

describe('sales composition', () => {
  it('sorts by sales with share and cumulative share, against targets', () => {
    const { rows, total } = salesComposition(sales, products);
    expect(total).toBe(298_000);
    expect(rows.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']);
    // 1500/2980 = 0.50336; (1500+1000)/2980 = 0.83893; 2900/2980 = 0.97315; 1.
    expect(rows.map((r) => r.share!.toFixed(5))).toEqual(['0.50336', '0.33557', '0.13423', '0.02685']);
    expect(rows.map((r) => r.cumulativeShare!.toFixed(5))).toEqual(['0.50336', '0.83893', '0.97315', '1.00000']);
    // A: ¥1,500 of a ¥1,000 target = 150 %.
    expect(rows[0]).toMatchObject({ name: '连衣裙', target: 100_000, ofTarget: 1.5 });
    expect(rows[1]).toMatchObject({ target: null, ofTarget: null });
  });

  it('gives no shares when the total is not positive', () => {
    expect(salesComposition([{ code: 'A', quantity: -1, amount: -500 }], products).rows[0]).toMatchObject({ share: null, cumulativeShare: null });
    expect(salesComposition([], products)).toEqual({ rows: [], total: 0 });
  });
});

describe('gross margin', () => {
  it('sorts by gross profit, margin % per product, unknown cost last', () => {
    const rows = grossMargins(sales, products);
    // A: 1500 − 3×200 = 900 (60 %); B: 1000 − 5×120 = 400 (40 %); D: 80 − 30 = 50 (62.5 %); C: no cost.
    expect(rows.map((r) => [r.code, r.costOfSales, r.grossProfit, r.margin])).toEqual([
      ['A', 60_000, 90_000, 0.6],
      ['B', 60_000, 40_000, 0.4],
      ['D', 3_000, 5_000, 0.625],
      ['C', null, null, null],
    ]);
  });
});

describe('turnover', () => {
  it('is sales ÷ average inventory, average = (opening + closing) ÷ 2', () => {
    expect(averageInventory(10, 6)).toBe(8);
    expect(turnoverRate(3, 10, 6)).toBe(0.375); // 3 ÷ 8
    expect(turnoverRate(5, 0, 0)).toBeNull();
    const rows = turnover(sales, products);
    // D: 1 ÷ 3 = 0.333…; A: 3 ÷ 8 = 0.375; C: no stock → null, last. B has no stock counts: not listed.
    expect(rows.map((r) => [r.code, r.averageStock, r.turnover])).toEqual([
      ['A', 8, 0.375],
      ['D', 3, 1 / 3],
      ['C', 0, null],
    ]);
  });
});
