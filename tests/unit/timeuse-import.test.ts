/** Activity logs through the customer importer's machinery (decode → parse → header → mapping → rows). */
import { describe, expect, it } from 'vitest';
import { openFile } from '../../src/lib/import/analyse';
import { dayFromIso } from '../../src/lib/dates';
import { activityFieldForHeader, convertActivityFile, resolveActivitySettings, type ActivityContext } from '../../src/lib/timeuse/import';
import { defaultSetup } from '../../src/lib/timeuse/setup';

const context: ActivityContext = { categories: defaultSetup().categories, reps: [{ id: 'r1', name: '王芳', role: 'rep' }] };
const bytes = (text: string) => new TextEncoder().encode(text);

function read(text: string, settings = {}) {
  const file = openFile(bytes(text));
  if (!file.ok) throw new Error(file.error.code);
  const s = resolveActivitySettings(file.value, settings);
  const c = convertActivityFile(file.value, s, context);
  if (!c.ok) throw new Error(c.error.code);
  return { s, c: c.value };
}

describe('activity log import', () => {
  it('maps Chinese and English headers', () => {
    expect(['销售员', '业务员', 'Rep', '日期', 'Date', '开始时间', 'End', '分钟', '时长(分钟)', 'Minutes', '活动', '类别', 'Category'].map(activityFieldForHeader)).toEqual([
      'rep', 'rep', 'rep', 'date', 'date', 'start', 'end', 'minutes', 'minutes', 'minutes', 'category', 'category', 'category',
    ]);
  });

  it('reads a Chinese log under a title row, with per-row problems', () => {
    const text = [
      '王芳的时间记录 2026年11月',
      '销售员,日期,开始,结束,分钟,活动',
      '王芳,2026-11-02,09:00,10:30,,销售活动/市场开拓', // line 3: 90 min timed
      '王芳,2026-11-02,,,45,报表填写', // line 4
      '李强,2026/11/02,10:00,11:00,60,Coordinating invoicing and delivery', // line 5: new rep, English category
      '王芳,2026-11-02,10:00,10:45,,走访、服务客户', // line 6: overlaps line 3 (flagged, kept)
      '王芳,2026-11-31,,,30,报表填写', // line 7: no such date
      '李强,2026-11-03,,,30,喝茶', // line 8: unknown category
      '李强,2026-11-03,12:00,11:00,,报表填写', // line 9: end before start
    ].join('\r\n');
    const { s, c } = read(text);
    expect(s.headerRow).toBe(1);
    expect(s.mapping).toEqual(['rep', 'date', 'start', 'end', 'minutes', 'category']);
    const day = dayFromIso('2026-11-02')!;
    expect(c.entries).toEqual([
      { rep: 'r1', day, category: 'selling', minutes: 90, start: 540, end: 630 },
      { rep: 'r1', day, category: 'reports', minutes: 45 },
      { rep: 'new:李强', day, category: 'invoicing', minutes: 60, start: 600, end: 660 },
      { rep: 'r1', day, category: 'visiting', minutes: 45, start: 600, end: 645 },
    ]);
    expect(c.entryLines).toEqual([3, 4, 5, 6]);
    expect(c.newReps).toEqual(['李强']);
    expect(c.rowsRead).toBe(7);
    expect(c.rowsValid).toBe(4);
    expect(c.problems.map((p) => [p.line, p.column, p.value, p.code, p.severity])).toEqual([
      [6, '开始', '3', 'timeuse.overlap', 'warning'],
      [7, '日期', '2026-11-31', 'date.impossible', 'error'],
      [8, '活动', '喝茶', 'timeuse.categoryUnknown', 'error'],
      [9, '结束', '11:00', 'timeuse.endBeforeStart', 'error'],
    ]);
    expect(c.unknownCategories).toEqual([{ value: '喝茶', rows: 1 }]);
    // Mapping the unknown word to a category takes the row in.
    const mapped = read(text, { categoryMap: { 喝茶: 'admin' } }).c;
    expect(mapped.rowsValid).toBe(5);
  });

  it('rejects a rep’s whole day past 24 h, and warns when minutes disagree with the times', () => {
    const text = ['rep,date,start,end,minutes,category', 'Wang,2026-11-02,,,1000,selling', 'Wang,2026-11-02,,,441,admin', 'Li,2026-11-02,09:00,10:00,50,admin'].join('\n');
    const { c } = read(text);
    expect(c.problems.map((p) => [p.line, p.code, p.value])).toEqual([
      [2, 'timeuse.dayOver24h', '1441'],
      [3, 'timeuse.dayOver24h', '1441'],
      [4, 'timeuse.minutesMismatch', '50'],
    ]);
    expect(c.entries).toEqual([{ rep: 'new:Li', day: dayFromIso('2026-11-02')!, category: 'admin', minutes: 60, start: 540, end: 600 }]);
  });
});
