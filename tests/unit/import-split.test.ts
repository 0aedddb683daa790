import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, resolveSettings, type OpenedFile } from '../../src/lib/import/analyse';
import { mergeConverted } from '../../src/lib/import/convert';
import { splitPoint } from '../../src/lib/import/parse';

const enc = (text: string) => new TextEncoder().encode(text);

function whole(file: OpenedFile) {
  const s = resolveSettings(file, {});
  const r = convertFile(file, s);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function split(file: OpenedFile, from: number) {
  const s = resolveSettings(file, {});
  const cut = splitPoint(file.text, from);
  if (!cut) throw new Error('no split point');
  const a = convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true });
  const b = convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
  if (!a.ok || !b.ok) throw new Error('part failed');
  return mergeConverted(a.value, b.value, s.mapping);
}

function open(text: string): OpenedFile {
  const r = openFile(enc(text));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** A POS export: customers repeat, a quoted note spans lines, some rows are bad, a total row ends it. */
function posFile(rows: number): string {
  const lines = ['销售明细导出', '小票号,销售日期,货号,商品名称,数量,单价,实收金额,会员编号,会员姓名,手机号,城市,备注'];
  for (let i = 0; i < rows; i++) {
    const customer = (i * 7) % 97;
    const note = i % 50 === 0 ? `"第一行\r\n第二行 ""引号"""` : '';
    const date = i % 333 === 0 ? '2024/13/45' : `2024/${1 + (i % 12)}/${1 + (i % 28)} ${10 + (i % 8)}:0${i % 10}`;
    const item = i % 41 === 0 ? '运费' : `A${1000 + (i % 30)}`;
    const order = i % 97 === 5 ? `C${i}` : `XP${String(Math.floor(i / 3)).padStart(6, '0')}`;
    const city = i < rows / 2 && customer % 5 === 0 ? '' : '广州';
    lines.push(`${order},${date},${item},商品${i % 30},${i % 19 === 0 ? -1 : 1},${100 + (i % 9)}.00,${i % 19 === 0 ? '-' : ''}${100 + (i % 9)}.00,M${customer},客户${customer},1310000${String(customer).padStart(4, '0')},${city},${note}`);
  }
  lines.push('合计,,,,,,123456.00,,,,,');
  return lines.join('\r\n') + '\r\n';
}

describe('converting a file in two parts (two workers side by side)', () => {
  it('cuts only between rows, outside quoted cells, and knows the line it cuts at', () => {
    const text = 'a,b\n1,"x\ny"\n2,z\n';
    expect(splitPoint(text, 5)).toEqual({ at: 12, line: 4 }); // position 5 is inside "x…y": the cut comes after that row
    expect(splitPoint(text, 0)).toEqual({ at: 4, line: 2 });
    expect(splitPoint('a,b\r\n1,2\r\n', 6)).toBeNull(); // nothing after the last break
    expect(splitPoint('a,b\r2,3\r4,5', 4)).toEqual({ at: 8, line: 3 });
  });

  it('gives what converting the whole file gives, wherever the cut falls', () => {
    const file = open(posFile(3_000));
    const expected = whole(file);
    for (const share of [0.1, 0.5, 0.77]) expect(split(file, Math.floor(file.text.length * share))).toEqual(expected);
  }, 60_000); // four conversions of 3,000 rows: seconds on a loaded machine

  it('reports a customer list\'s duplicates across the cut as the whole-file pass does', () => {
    const rows = ['姓名,手机,生日'];
    for (let i = 0; i < 400; i++) rows.push(`客户${i % 150},1390000${String(i % 150).padStart(4, '0')},${i < 150 ? '' : '1990-01-02'}`);
    const file = open(rows.join('\n') + '\n');
    const expected = whole(file);
    expect(expected.problems.filter((p) => p.code === 'customer.duplicateInFile').length).toBe(250);
    expect(split(file, Math.floor(file.text.length / 2))).toEqual(expected);
  });

  it('gives what converting the whole file gives for a headerless blank-separated log (CDNOW)', () => {
    const file = open(readFileSync('tests/fixtures/import/CDNOW_sample.txt', 'latin1'));
    expect(file.parsed.delimiter).toBe('blanks');
    const expected = whole(file);
    expect(expected.rowsValid).toBe(6919);
    for (const share of [0.3, 0.5]) expect(split(file, Math.floor(file.text.length * share))).toEqual(expected);
  });

  it('gives what converting the whole file gives for a fixed-width file', () => {
    const rows = ['Customer Name  Mobile Phone  Amount  Date'];
    for (let i = 0; i < 300; i++) rows.push(`${`Name ${i % 40}`.padEnd(15)}${`1390000${String(i % 40).padStart(4, '0')}`.padEnd(14)}${String(10 + (i % 7)).padStart(6)}  2024-03-${String(1 + (i % 28)).padStart(2, '0')}`);
    const file = open(rows.join('\r\n') + '\r\n');
    expect(typeof file.parsed.delimiter).toBe('object');
    const expected = whole(file);
    expect(expected.rowsValid).toBe(300);
    expect(split(file, Math.floor(file.text.length / 2))).toEqual(expected);
  });
});
