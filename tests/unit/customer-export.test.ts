import { describe, expect, it } from 'vitest';
import { exportKeyColumns } from '../../src/lib/customers/export-keys';
import { fieldForHeader } from '../../src/lib/import/fields';
import { customerExportFigureHeaders, customerExportRows } from '../../src/lib/rfm/customer-export';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';

const words = { keys: { fullPhones: false }, segment: (id: string) => `<${id}>`, churned: (tier: string) => `${tier}（流失）` };

describe('customer export with segmentation', () => {
  const inputs = {
    customers: [
      { id: 3, name: '李娜', phone: '13900139000', externalId: 'C003' },
      { id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP001' },
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

  it('gives every filed customer a row, in id order, with the shop keys, RFM, segment, ABC and tier', () => {
    expect(customerExportRows(inputs, words)).toEqual([
      ['', 'VIP001', '138****8000', '王芳', 1, 3, 6, 1234.5, 5, 4, 3, 543, '<champions>', 'A', 'A'],
      ['', '', '', '张伟', 2, '', '', '', '', '', '', '', '', '', ''],
      ['C003', '', '139****9000', '李娜', 3, 400, 1, 20, 1, 1, 1, 111, '<lost>', 'C', 'B（流失）'],
    ]);
  });

  it('writes full phones only when the caller asks', () => {
    expect(customerExportRows(inputs, { ...words, keys: { fullPhones: true } })[0]![2]).toBe('13800138000');
  });

  it('handles an empty store', () => {
    expect(customerExportRows({ customers: [], scored: [], abcOf: {}, tiers: [] }, words)).toEqual([]);
  });

  // Re-importing the file must not write a figure into a customer field: '等级' (tier) would
  // overwrite the card level, 'Segment' the customer class, '金额' would make it a purchase file.
  it.each([
    ['zh', zh],
    ['en', en],
  ] as const)('has %s figure headers the importer leaves alone', (_, dict) => {
    const figures = customerExportFigureHeaders.map((h) => (h === 'R' || h === 'F' || h === 'M' ? h : dict[h]));
    expect(figures.map((h) => [h, fieldForHeader(h)])).toEqual(figures.map((h) => [h, null]));
    expect(exportKeyColumns.map((c) => fieldForHeader(dict[`exportKeys.col.${c}`]))).toEqual([...exportKeyColumns]);
  });
});
