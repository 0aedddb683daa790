import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv/export';

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, quoting what needs it', () => {
    expect(toCsv(['姓名', '备注'], [['王芳', 'a,b'], ['李娜', 'say "hi"']])).toBe('\uFEFF姓名,备注\r\n王芳,"a,b"\r\n李娜,"say ""hi"""');
  });
  it('neutralises cells Excel would run as formulas, but not numbers', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [['=1+1', '+86 138', '@SUM(A1)', -5]]);
    expect(csv.split('\r\n')[1]).toBe(`"'=1+1","'+86 138","'@SUM(A1)",-5`);
    expect(toCsv(['x'], [['-2+3']]).split('\r\n')[1]).toBe(`"'-2+3"`);
  });
  it('writes empty cells for null and undefined', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, 0]]).split('\r\n')[1]).toBe(',,0');
  });
  it('puts a notice line above the header when asked, neutralised like any cell', () => {
    expect(toCsv(['a'], [['1']], { notice: '注意：含完整手机号' })).toBe('\uFEFF注意：含完整手机号\r\na\r\n1');
    expect(toCsv(['a'], [], { notice: '=cmd' }).split('\r\n')[0]).toBe(`\uFEFF"'=cmd"`);
  });
});
