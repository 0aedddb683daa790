/**
 * Filled sample files (示例文件) for every import template: the template's notes line and header
 * with a few rows a shop would write, so a trainee sees what goes in each column before filling
 * their own. Each one imports cleanly (tests/unit/import-samples.test.ts): the customers first,
 * then the files that name them by phone. Dates are in the past (2025), so none is "after today".
 */
import { toCsv } from '../csv/export';
import { openingTemplateColumns } from '../ledger/opening';
import { templateCsv } from './template';

export const sampleKinds = ['customers', 'purchases', 'activity', 'prospects', 'products', 'opening'] as const;
export type SampleKind = (typeof sampleKinds)[number];

/** Rows in the template's column order. */
export const sampleRows: Record<SampleKind, string[][]> = {
  customers: [
    ['13800138000', '王芳', 'VIP100001', '女', '1990-07-12', '公历', '金卡', '广州市天河区体育西路88号', '广州', '零售', '喜欢通勤款，穿M码'],
    ['139 1234 5678', '李娜', 'VIP100002', '女', '1988-08-15', '农历', '金钻卡', '广州市越秀区中山路12号', '广州', '零售', '农历生日，提前一周寄卡'],
    ['137-1111-2222', '张伟', '', '男', '1985/3/2', '', '普通卡', '', '佛山', '零售', ''],
    ['13622223333', '陈静', 'VIP100004', '女', '1995-11-30', '', '金卡', '深圳市南山区科技园南路6号', '深圳', '零售', '老客王芳介绍'],
    ['13533334444', '刘洋', 'VIP100005', '男', '', '', '普通卡', '广州市白云区机场路3号', '广州', '批发', '公司团购，年底采购工服'],
  ],
  purchases: [
    ['XP202503010001', '2025-03-01', '13800138000', 'A1001', '羊毛大衣', '1', '1280', '1280', '12'],
    ['XP202503010001', '2025-03-01', '13800138000', 'A1015', '真丝围巾', '1', '299', '299', '2'],
    ['XP202503020001', '2025/3/2 15:20', '13912345678', 'A1003', '针织衫', '2', '399', '798', '7'],
    ['XP202503050001', '2025-03-05', '13622223333', 'A1008', 'T恤', '1', '129', '129', '1'],
    ['XP202503100001', '2025-03-10', '13711112222', 'A1005', '西装', '1', '1680', '¥1,680.00', '16'],
    ['XP202503150001', '2025-03-15', '13533334444', 'A1020', '工装衬衫', '20', '150', '3,000.00', '30'],
  ],
  activity: [
    ['王芳', '2025-03-03', '09:00', '10:30', '', '销售活动/市场开拓'],
    ['王芳', '2025-03-03', '10:30', '11:15', '', '报表填写'],
    ['王芳', '2025-03-03', '', '', '120', '协调开票交付'],
    ['李强', '2025-03-03', '14:00', '16:00', '', '走访、服务客户'],
    ['李强', '2025-03-03', '', '', '60', '其它事务性工作'],
  ],
  prospects: [
    ['陈先生', '13800001111', '熟客推荐', 'A组', '羊毛大衣', '驼色', '', '2025-04', '2025-03-08', '迎接', '2025-03-01', '老客王芳介绍'],
    ['陈先生', '13800001111', '', '', '', '', '', '', '', '试用试驾', '2025-03-08', '试穿了两个尺码'],
    ['王女士', '13900002222', '主动开发', 'B组', '真丝连衣裙', '酒红', '', '2025-05', '', '确认需求', '2025-03-05', ''],
    ['刘女士', '13700003333', '回头客', 'A组', '西装套装', '藏青', '改裤长', '', '', '洽谈成交', '2025-03-06', '等改好裤长来取'],
  ],
  products: [
    ['A1001', '羊毛大衣', '576', '40', '22', '60000'],
    ['A1003', '针织衫', '180', '120', '85', '30000'],
    ['A1005', '西装', '756', '30', '18', '45000'],
    ['A1008', 'T恤', '58', '300', '210', '20000'],
    ['A1015', '真丝围巾', '135', '60', '41', '12000'],
  ],
  opening: [
    ['13800138000', '1200', '500', '50'],
    ['13912345678', '3560', '2000', '300'],
    ['13622223333', '80', '', ''],
  ],
};

/** The sample as a CSV file: the template's notes line, its header, then the rows (UTF-8 with BOM). */
export function sampleCsv(kind: SampleKind): string {
  if (kind !== 'opening') return templateCsv(kind, sampleRows[kind]);
  // The opening balances template is built the same way beside its own import (features/customers/OpeningImport).
  return toCsv(openingTemplateColumns.map((c) => c.note), [openingTemplateColumns.map((c) => c.header), ...sampleRows.opening]);
}
