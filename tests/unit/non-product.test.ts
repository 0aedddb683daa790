import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { codeTally, defaultNonProductCodes, nonProductPresets, presetOf } from '../../src/lib/import/non-product';
import { LineFlag } from '../../src/lib/purchases/columns';

function convert(bytes: Uint8Array, settings: ImportSettings = {}) {
  const opened = openFile(bytes);
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, settings);
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return { s, c: c.value };
}

/** A Chinese store's till export: postage by item name, a deposit and a gift by item code, a product coded M. */
const chineseSales = [
  '小票号,销售日期,货号,商品名称,数量,单价,会员卡号',
  'XP001,2026-03-01,A100,羊毛大衣,1,1200,V001',
  'XP001,2026-03-01,YF01,运费,1,10,V001', // by name
  'XP002,2026-03-02,M,M码衬衫,1,199,V002', // M is a product here, not a web shop's "manual"
  'XP003,2026-03-02,押金,押金,1,100,V003', // by code (and name): counted once
  'XP004,2026-03-03,ZP9,赠品,1,0,V003',
  'XP005,2026-03-04,yf01,运费,1,12,', // a second postage line, without a customer
  'XP006,2026-03-04,B200,牛仔裤,2,299,V001',
].join('\n');

describe('non-product codes', () => {
  it('default to a Chinese store\'s codes, with the UK web shop\'s kept apart as a preset', () => {
    expect(defaultNonProductCodes).toEqual(['运费', '邮费', '快递费', '包装费', '手续费', '赠品', '押金', '折扣', '抹零', '调整']);
    for (const code of ['POST', 'DOT', 'M', 'D', 'S', 'B', 'C2', 'CRUK', 'BANK CHARGES']) expect(defaultNonProductCodes).not.toContain(code);
    expect(nonProductPresets.onlineRetail).toEqual(['POST', 'DOT', 'M', 'D', 'S', 'B', 'C2', 'CRUK', 'BANK CHARGES', 'AMAZONFEE', 'ADJUST']);
  });

  it('names the preset a list is, in any order or case, and none for an edited list', () => {
    expect(presetOf(defaultNonProductCodes)).toBe('chineseStore');
    expect(presetOf(['adjust', ' post', 'DOT', 'm', 'D', 'S', 'B', 'C2', 'CRUK', 'Bank Charges', 'AMAZONFEE'])).toBe('onlineRetail');
    expect(presetOf(['运费', '邮费'])).toBeNull();
    expect(presetOf([])).toBeNull();
  });

  it('tallies the lines each code matched, in the list\'s order, zeros included, each code once', () => {
    expect(codeTally(['运费', ' 押金 ', '邮费', '运费', ''], { 运费: 2, 押金: 1 })).toEqual([
      { code: '运费', lines: 2 },
      { code: '押金', lines: 1 },
      { code: '邮费', lines: 0 },
    ]);
  });

  it('counts per code the lines a Chinese store\'s file matched with the default list', () => {
    const { s, c } = convert(new TextEncoder().encode(chineseSales));
    expect(s.nonProductCodes).toEqual(defaultNonProductCodes);
    // 运费 ×2 (by name: YF01, yf01), 押金 ×1, 赠品 ×1 (by name); the M-size shirt is a product.
    expect(c.nonProductMatches).toEqual({ 运费: 2, 押金: 1, 赠品: 1 });
    expect(c.classCounts.nonProduct).toBe(4);
    expect(Array.from(c.lines!.flags, (f) => (f & LineFlag.nonProduct ? 1 : 0))).toEqual([0, 1, 0, 1, 1, 1, 0]);
    expect(codeTally(s.nonProductCodes, c.nonProductMatches).filter((t) => t.lines > 0)).toEqual([
      { code: '运费', lines: 2 },
      { code: '赠品', lines: 1 },
      { code: '押金', lines: 1 },
    ]);
  });

  it('takes a product coded M for a non-product line only when the web shop preset is chosen', () => {
    const { c } = convert(new TextEncoder().encode(chineseSales), { nonProductCodes: [...nonProductPresets.onlineRetail] });
    expect(c.nonProductMatches).toEqual({ M: 1 });
  });

  it('finds none of the web shop\'s codes in its own file with the Chinese default', () => {
    const { c } = convert(new Uint8Array(readFileSync('tests/fixtures/import/sales-pos-utf8.csv')));
    expect(c.nonProductMatches).toEqual({});
    expect(c.classCounts.nonProduct).toBe(0);
  });
});
