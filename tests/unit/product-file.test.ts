import { describe, expect, it } from 'vitest';
import { applyPatch, readProductFile } from '../../src/lib/products/file';

const utf8 = (text: string) => new TextEncoder().encode(text);
// GB18030 bytes of '货号,品名,成本\r\nA1,裙,12.5\r\n' as Excel in Chinese Windows saves them.
const gbk = new Uint8Array([0xbb, 0xf5, 0xba, 0xc5, 0x2c, 0xc6, 0xb7, 0xc3, 0xfb, 0x2c, 0xb3, 0xc9, 0xb1, 0xbe, 0x0d, 0x0a, 0x41, 0x31, 0x2c, 0xc8, 0xb9, 0x2c, 0x31, 0x32, 0x2e, 0x35, 0x0d, 0x0a]);

describe('product file', () => {
  it('reads Chinese headers under a title row, yuan to fen, stock in units, and reports bad rows', () => {
    const text = ['商品库存表 2026年11月', '货号,品名,成本(元),期初库存,期末库存,销售目标', 'A1001,真丝连衣裙,¥404.55,10,6,"50,000"', 'A1002,,-3,1,1,', ',无货号,1,1,1,1', 'A1003,大衣,abc,1,1,1', '', 'A1001,真丝印花连衣裙,,,,'].join('\r\n');
    const r = readProductFile(utf8(text));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fields).toEqual(['code', 'name', 'cost', 'stockOpen', 'stockClose', 'target']);
    // A1001 twice: the later row's name wins, the earlier row's numbers stay.
    expect(r.value.patches).toEqual([{ code: 'A1001', name: '真丝印花连衣裙', cost: 40_455, stockOpen: 10, stockClose: 6, target: 5_000_000 }]);
    expect(r.value.problems).toEqual([
      { line: 4, code: 'products.rowBadNumber', field: 'cost', raw: '-3' },
      { line: 5, code: 'products.rowNoCode' },
      { line: 6, code: 'products.rowBadNumber', field: 'cost', raw: 'abc' },
    ]);
  });

  it('reads GB18030 and English headers', () => {
    const r = readProductFile(gbk);
    expect(r.ok && r.value.patches).toEqual([{ code: 'A1', name: '裙', cost: 1_250 }]);
    const en = readProductFile(utf8('StockCode,Description,Unit cost,Opening stock,Closing stock\nX1,Mug,2.5,4,2\n'));
    expect(en.ok && en.value.patches).toEqual([{ code: 'X1', name: 'Mug', cost: 250, stockOpen: 4, stockClose: 2 }]);
  });

  it('needs an item no. column', () => {
    expect(readProductFile(utf8('名称,成本\n裙,1\n'))).toEqual({ ok: false, error: { code: 'products.noCodeColumn' } });
    expect(readProductFile(new Uint8Array())).toEqual({ ok: false, error: { code: 'file.empty' } });
  });

  it('applies a patch over the stored product, or makes a new one', () => {
    const stored = { code: 'A1', name: '裙', category: '连衣裙', price: 89_900, cost: 40_000 };
    expect(applyPatch(stored, { code: 'A1', stockOpen: 3 })).toEqual({ ...stored, stockOpen: 3 });
    expect(applyPatch(undefined, { code: 'Z9', cost: 100 })).toEqual({ code: 'Z9', name: 'Z9', category: '', price: 0, cost: 100 });
  });
});
