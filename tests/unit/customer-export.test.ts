import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/lib/import/values/phone';
import { customerExportRows } from '../../src/lib/rfm/customer-export';

const words = { phone: maskPhone, segment: (id: string) => `<${id}>`, churned: (tier: string) => `${tier}（流失）` };

describe('customer export with segmentation', () => {
  const inputs = {
    customers: [
      { id: 3, name: '李娜', phone: '13900139000' },
      { id: 1, name: '王芳', phone: '13800138000' },
      { id: 2, name: '张伟' },
    ],
    scored: [
      { id: 1, r: 5, f: 4, m: 3, score: 543, segment: 'champions', recencyDays: 3, frequency: 6, monetary: 1234.5 },
      { id: 3, r: 1, f: 1, m: 1, score: 111, segment: 'lost', recencyDays: 400, frequency: 1, monetary: 20 },
    ],
    abcOf: { 1: 'A', 3: 'C' } as Record<number, 'A' | 'B' | 'C'>,
    tiers: [
      { id: 1, tier: 'A' as const, churned: false },
      { id: 3, tier: 'B' as const, churned: true },
    ],
  };

  it('gives every filed customer a row, in id order, with RFM, segment, ABC and tier', () => {
    expect(customerExportRows(inputs, words)).toEqual([
      [1, '王芳', '138****8000', 3, 6, 1234.5, 5, 4, 3, 543, '<champions>', 'A', 'A'],
      [2, '张伟', '', '', '', '', '', '', '', '', '', '', ''],
      [3, '李娜', '139****9000', 400, 1, 20, 1, 1, 1, 111, '<lost>', 'C', 'B（流失）'],
    ]);
  });

  it('writes full phones only when the caller asks', () => {
    expect(customerExportRows(inputs, { ...words, phone: (p) => p })[0]![2]).toBe('13800138000');
  });

  it('handles an empty store', () => {
    expect(customerExportRows({ customers: [], scored: [], abcOf: {}, tiers: [] }, words)).toEqual([]);
  });
});
