import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';
import { exportKeyCells, exportKeyColumns, exportKeyHeaders, exportKeysById, keqingIdKey } from '../../src/lib/customers/export-keys';
import { fieldForHeader } from '../../src/lib/import/fields';
import { normalisePhone } from '../../src/lib/import/values/phone';

const wang = { id: 7, name: '王芳', externalId: 'C0007', cardNo: 'VIP001', phone: '13800138000' };
const li = { id: 9, name: '李娜', phone: '02012345678' };

describe('the shop keys of a per-customer export', () => {
  it('gives 客户编号, 卡号, 手机 (masked), 姓名 and 客情编号', () => {
    expect(exportKeyCells(wang, 7, { fullPhones: false })).toEqual(['C0007', 'VIP001', '138****8000', '王芳', 7]);
    expect(exportKeyCells(li, 9, { fullPhones: false })).toEqual(['', '', '020****5678', '李娜', 9]);
  });

  it('writes the whole phone only when asked', () => {
    expect(exportKeyCells(wang, 7, { fullPhones: true })[2]).toBe('13800138000');
  });

  it('keeps Keqing’s number for a customer no longer on file', () => {
    const keys = exportKeysById([wang, li], { fullPhones: false });
    expect(keys(9)).toEqual(['', '', '020****5678', '李娜', 9]);
    expect(keys(12)).toEqual(['', '', '', '', 12]);
  });

  it.each([
    ['zh', zh, ['客户编号', '卡号', '手机', '姓名', '客情编号']],
    ['en', en, ['Customer ID', 'Card no.', 'Phone', 'Name', 'Keqing no.']],
  ] as const)('has %s headers the importer maps back to the same fields', (_, dict, words) => {
    const headers = exportKeyHeaders((key) => dict[key]);
    expect(headers).toEqual(words);
    expect(headers.map(fieldForHeader)).toEqual([...exportKeyColumns]);
  });

  it('compares Keqing’s number with the name, spaces aside', () => {
    expect(keqingIdKey(7, ' 王芳 ')).toBe(keqingIdKey('7', '王芳'));
    expect(keqingIdKey(7, '王芳')).not.toBe(keqingIdKey(7, '王方'));
  });

  it.each(['138****8000', '020****5678', '+86 138****8000', '138-****-8000'])('reads %s as a masked phone, never a number', (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, error: { code: 'phone.masked', raw } });
  });
});
