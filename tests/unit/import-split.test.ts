import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile, cutBytes, openFile, openFirstPart, readSecondPart, resolveSettings, type OpenedFile } from '../../src/lib/import/analyse';
import { mergeConverted } from '../../src/lib/import/convert';
import { evenLineBreaks, splitPoint, splitPointBytes } from '../../src/lib/import/parse';
import { joinBytes as join } from './helpers/bytes';

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
  return mergeConverted(a.value, b.value, s.mapping)!;
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

  it('gives what converting the whole file gives when order numbers are in order (or newest first), an order across the cut', () => {
    // No cancellation numbers (C…) among them: each part's order dictionary stays sorted, and the join
    // finds the second part's numbers past the first's end, or (found again later) by a search.
    for (const newestFirst of [false, true]) {
      const lines = ['小票号,销售日期,货号,数量,实收金额,会员编号,手机号'];
      for (let i = 0; i < 1_200; i++) {
        const order = newestFirst ? 5_000 - Math.floor(i / 3) : Math.floor(i / 3);
        lines.push(`XP${String(order).padStart(6, '0')},2024/${1 + (i % 12)}/${1 + (i % 28)},A${1000 + (i % 7)},1,${100 + (i % 9)}.00,M${i % 31},1310000${String(i % 31).padStart(4, '0')}`);
      }
      lines.push(lines[5]!.replace(',1,', ',2,'), lines[400]!.replace(',1,', ',3,')); // orders of the first part again, at the end
      const file = open(lines.join('\r\n') + '\r\n');
      const expected = whole(file);
      expect(expected.lines!.orderDict.length).toBe(400);
      for (const share of [0.3, 0.5, 0.61]) expect(split(file, Math.floor(file.text.length * share))).toEqual(expected);
    }
  }, 60_000);

  it('joins in the room a first part was made for the whole file, the first part itself left as it was', () => {
    const file = open(posFile(6_000)); // more rows than a file's head: the columns are made for the room asked
    const expected = whole(file);
    const s = resolveSettings(file, {});
    const cut = splitPoint(file.text, Math.floor(file.text.length / 2))!;
    const b = convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
    if (!b.ok) throw new Error('part failed');
    // Room for the whole file, and too little (the first part's own rows): joined by copying, as without room.
    const fits: boolean[] = [];
    for (const room of [file.text.length, Math.floor(cut.at * 0.9)]) {
      const first = convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true, room });
      if (!first.ok) throw new Error('part failed');
      const a = first.value;
      const before = structuredClone(a);
      const joined = mergeConverted(a, b.value, s.mapping)!;
      expect(joined).toEqual(expected);
      const fit = a.lines!.day.buffer.byteLength >= joined.lines!.length * 4;
      fits.push(fit);
      expect(joined.lines!.day.buffer === a.lines!.day.buffer).toBe(fit); // written in place only where there was room
      expect(a).toEqual(before);
      // Joined again (nothing taken over now): copied, and the first join is left as it was.
      const again = mergeConverted(a, b.value, s.mapping)!;
      expect(again.lines!.day.buffer).not.toBe(a.lines!.day.buffer);
      expect(again).toEqual(expected);
      expect(joined).toEqual(expected);
    }
    expect(fits).toEqual([true, false]);
  }, 60_000);

  it('joins alike whether the first part comes straight from its conversion (its indexes taken over) or as a copy', () => {
    const rows = posFile(3_000).split('\r\n');
    rows.splice(rows.length - 3, 0, rows[21]!, rows[22]!); // two rows of the first half again near the end
    const file = open(rows.join('\r\n'));
    const s = resolveSettings(file, {});
    const cut = splitPoint(file.text, Math.floor(file.text.length / 2))!;
    const part = (first: boolean) => {
      const r = first ? convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true }) : convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
      if (!r.ok) throw new Error('part failed');
      return r.value;
    };
    const a = part(true);
    const copy = structuredClone(a); // as from another worker: nothing of its conversion kept
    const b = part(false);
    const taken = mergeConverted(a, b, s.mapping)!;
    expect(mergeConverted(copy, b, s.mapping)).toEqual(taken);
    expect(mergeConverted(a, b, s.mapping)).toEqual(taken); // a second join of the same parts: the same
    expect(taken).toEqual(whole(file));
    expect(taken.classCounts.repeated).toBe(2); // found across the cut: the first part's rows seen, taken over, matter
  }, 60_000);

  it('reports a customer list\'s duplicates across the cut as the whole-file pass does', () => {
    const rows = ['姓名,手机,生日'];
    for (let i = 0; i < 400; i++) rows.push(`客户${i % 150},1390000${String(i % 150).padStart(4, '0')},${i < 150 ? '' : '1990-01-02'}`);
    const file = open(rows.join('\n') + '\n');
    const expected = whole(file);
    expect(expected.problems.filter((p) => p.code === 'customer.duplicateInFile').length).toBe(250);
    expect(split(file, Math.floor(file.text.length / 2))).toEqual(expected);
  });

  it('joins customers across the cut by the key field they were filed under (a card no. or a phone), later rows filling gaps', () => {
    const rows = ['小票号,销售日期,实收金额,姓名,手机,会员卡号,生日'];
    for (let i = 0; i < 600; i++) {
      // A card no. where there is one, else the phone: 'K7' and '13900000007' are two customers.
      const card = i % 4 === 1 ? `K${i % 40}` : '';
      const phone = card ? '' : `1390000${String(i % 90).padStart(4, '0')}`;
      const born = i < 300 && i % 3 === 0 ? '' : `1990-01-0${1 + (i % 2)}`;
      rows.push(`S${i},2024/3/${1 + (i % 28)},${100 + i}.00,客户${i % 90},${phone},${card},${born}`);
    }
    const file = open(rows.join('\n') + '\n');
    const s = resolveSettings(file, {});
    expect(s.kind).toBe('combined');
    const expected = whole(file);
    expect(new Set(expected.customers.map((c) => c.key?.field))).toEqual(new Set(['cardNo', 'phone']));
    for (const share of [0.2, 0.5, 0.8]) {
      const cut = splitPoint(file.text, Math.floor(file.text.length * share))!;
      const part = (first: boolean) => {
        const r = first ? convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true }) : convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
        if (!r.ok) throw new Error('part failed');
        return r.value;
      };
      const a = part(true);
      const copy = structuredClone(a); // as from another worker: where its customers are is worked out again in the join
      const b = part(false);
      expect(mergeConverted(a, b, s.mapping)).toEqual(expected);
      expect(mergeConverted(copy, b, s.mapping)).toEqual(expected);
    }
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

/** A GBK encoder for the test's characters: the standard decoder run backwards over every two-byte code. */
const gbkTable = (() => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
})();
function gbk(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else out.push(...gbkTable.get(ch)!);
  }
  return Uint8Array.from(out);
}

/** The file read as the import worker reads a large one: the first part here, the second as the helper decodes it, converted apart and joined. */
function viaBytes(bytes: Uint8Array) {
  const cut = cutBytes(bytes);
  if (!cut) throw new Error('not cut');
  const head = openFirstPart(bytes, cut);
  const rest = readSecondPart(bytes.slice(cut.at), cut);
  if (!head || rest === null) throw new Error('part not read');
  const s = resolveSettings(head, {});
  const a = convertFile(head, s, undefined, { start: 0, end: head.text.length, firstLine: 1, first: true });
  const b = convertFile({ ...head, text: rest }, s, undefined, { start: 0, end: rest.length, firstLine: cut.line, first: false });
  if (!a.ok || !b.ok) throw new Error('part failed');
  return { cut, head, rest, s, converted: mergeConverted(a.value, b.value, s.mapping) };
}

/** What reading the whole file gives: its opened form, settings and conversion. */
function wholeOf(bytes: Uint8Array) {
  const r = openFile(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { file: r.value, s: resolveSettings(r.value, {}), converted: whole(r.value) };
}

function expectSameAsWhole(bytes: Uint8Array) {
  const parts = viaBytes(bytes);
  const all = wholeOf(bytes);
  expect(parts.head.text + parts.rest).toBe(all.file.text);
  expect({ ...parts.head, text: '' }).toEqual({ ...all.file, text: '' });
  expect(parts.s).toEqual(all.s);
  expect(parts.converted).toEqual(all.converted);
  return parts;
}

describe('reading a large file in two parts from its bytes (two workers decode side by side)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  // What the bytes' cut must be: the text's cut, and whether the text's breaks are evened (mixed).
  const bytesCut = (text: string, from: number) => {
    const cut = splitPoint(text, from);
    return cut && { ...cut, mixed: evenLineBreaks(text) !== text };
  };

  it('cuts the bytes where the text would be cut: outside quoted cells, after CRLF, LF or a lone CR, with the same line', () => {
    for (const [text, from] of [
      ['a,b\n1,"x\ny"\n2,z\n', 5],
      ['a,b\n1,"x\ny"\n2,z\n', 0],
      ['a,b\r\n1,2\r\n', 6],
      ['a,b\r2,3\r4,5', 4],
      ['a,b\r\n1,"x\r\ny"\r\n2,z\r\n3,w', 9],
      ['only one line', 2],
      ['a,b\rabcd\n1,2\n3,4', 10], // a lone CR, then a word of none: the LF after it is no CRLF
    ] as const) {
      expect(splitPointBytes(utf8(text), from)).toEqual(bytesCut(text, from));
    }
    expect(splitPointBytes(utf8('a,b\n1,"x\ny"\n2,z\n'), 5)).toEqual({ at: 12, line: 4, mixed: false }); // hand-checked: after the row "1,x⏎y"
    expect(splitPointBytes(utf8('a,b\r\n1,2\r\n3,4\n'), 6)).toEqual({ at: 10, line: 3, mixed: true }); // CRLF, then a lone LF
    expect(cutBytes(utf8('just one line, no break at all'))).toBeNull();
  });

  it('reads the same cut, line and mixed breaks from bytes at any alignment as from the text (random files)', () => {
    let seed = 5;
    const next = (n: number) => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) % n;
    const alphabet = ['a', 'b', ',', '"', '\r', '\n', '\r\n', '\r\n', 'x,y\r\n'];
    for (let run = 0; run < 400; run++) {
      const text = Array.from({ length: 1 + next(120) }, () => alphabet[next(alphabet.length)]!).join('');
      const from = next(text.length);
      // Inside a larger buffer at offset 0–3: the word-at-a-time count starts and ends off a word.
      const offset = next(4);
      const buffer = new Uint8Array(text.length + offset + next(4));
      buffer.set(utf8(text), offset);
      expect(splitPointBytes(buffer.subarray(offset, offset + text.length), from)).toEqual(bytesCut(text, from));
    }
  });

  it('never splits a GBK character: the cut falls after a line break, and the two parts decode to the whole text', () => {
    const bytes = gbk(posFile(12_000));
    const middle = bytes.length >> 1;
    const { cut } = expectSameAsWhole(bytes);
    expect(bytes[cut.at - 1]).toBe(0x0a);
    expect(cut.at).toBeGreaterThan(middle);
    // The first line break at or after the middle: nothing between is a break.
    expect(bytes.subarray(middle, cut.at - 2).includes(0x0a)).toBe(false);
  }, 60_000);

  it('reads GB18030 four-byte characters across the parts as the whole file does', () => {
    const text = posFile(12_000);
    const four = Uint8Array.of(0x81, 0x30, 0x89, 0x38); // a four-byte character: its 2nd and 4th bytes are digits
    const lines = text.split('\r\n'); // (a quoted note's two lines are left alone)
    const bytes = join(...lines.map((l, i) => (i > 2 && i % 3 === 0 && !l.includes('"') ? join(gbk(l), four, gbk('\r\n')) : gbk(`${l}\r\n`))));
    expectSameAsWhole(bytes);
  }, 60_000);

  it('drops a UTF-8 BOM once, at the start; a second part starting with U+FEFF is not read apart', () => {
    const text = posFile(12_000);
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    expect(expectSameAsWhole(join(bom, utf8(text))).head.text.startsWith('\uFEFF')).toBe(false);
    // PapaParse would drop a U+FEFF starting the part, which the whole file's row keeps: that file is read whole.
    const plain = utf8(text);
    const cut = cutBytes(join(bom, plain))!;
    const withMark = join(bom, plain.subarray(0, cut.at - 3), bom, plain.subarray(cut.at - 3));
    expect(cutBytes(withMark)!.at).toBe(cut.at);
    expect(readSecondPart(withMark.slice(cut.at), cutBytes(withMark)!)).toBeNull();
  }, 60_000);

  it('evens the line breaks of both parts when the whole file mixes them (CRLF in the first half, LF in the second)', () => {
    const text = posFile(12_000);
    const half = text.indexOf('\r\n', text.length >> 1);
    const mixed = text.slice(0, half) + text.slice(half).replaceAll('\r\n', '\n');
    const parts = expectSameAsWhole(utf8(mixed));
    expect(parts.cut.even).toBe(true);
    expect(parts.head.text.includes('\r')).toBe(false); // the first part alone has only CRLF: evened for the whole file's sake
  }, 60_000);

  it('cuts after a quoted cell that spans the middle, counting its lines', () => {
    const rows = posFile(12_000).split('\r\n');
    const at = rows.length >> 1;
    rows[at] = rows[at]!.replace(/,([^,]*)$/, `,"第一行\r\n第二行\r\n${'很长的备注'.repeat(4000)}"`); // a note of 20,000 characters around the middle
    const bytes = utf8(rows.join('\r\n'));
    const { cut } = expectSameAsWhole(bytes);
    expect(cut.line).toBe(at + 4); // the row's own line, its two breaks inside quotes, then the next row
  }, 60_000);

  it('leaves a file whole when its parts cannot stand for it: UTF-16, a short first part, bad bytes in the second part', () => {
    const text = posFile(12_000);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array(Array.from(text, (c) => c.charCodeAt(0))).buffer)]);
    expect(cutBytes(utf16)).toBeNull();
    const few = utf8(posFile(6_000)); // about 3,000 rows in the first half: the head (5,000 rows) is not all there
    expect(openFirstPart(few, cutBytes(few)!)).toBeNull();
    const bytes = gbk(text);
    const cut = cutBytes(bytes)!;
    const bad = bytes.slice();
    bad[bad.length - 10] = 0xff; // no GBK character starts with 0xFF
    expect(readSecondPart(bad.slice(cut.at), cut)).toBeNull();
    expect(openFile(bad)).toMatchObject({ ok: false, error: { code: 'file.badEncoding', encoding: 'gb18030' } }); // the message the whole file gives
  }, 60_000);
});

describe('keyless customers (filed by name) met in both parts', () => {
  /** A POS export where every fifth row names its customer only (no member no., no phone); birthdays on some when asked. */
  function namesOnly(rows: number, birthdays: 'none' | 'one each' | 'two people' = 'none'): string {
    const lines = ['小票号,销售日期,货号,数量,实收金额,会员编号,会员姓名,手机号,生日'];
    for (let i = 0; i < rows; i++) {
      const keyless = i % 5 === 0;
      const customer = i % 23;
      // One birthday per name on some rows; or two people of one name told apart by birthday, and rows of that name with none.
      const name = i % 7;
      const born = !keyless || birthdays === 'none' || i % 3 === 0 ? '' : birthdays === 'one each' ? `1990-0${1 + (name % 4)}-15` : `199${i % 2}-0${1 + (i % 4)}-15`;
      lines.push(`XP${i},2024/${1 + (i % 12)}/${1 + (i % 28)},A${i % 30},1,${100 + (i % 9)}.00,${keyless ? '' : `M${customer}`},${keyless ? `散客${name}` : `会员${customer}`},${keyless ? '' : `1310000${String(customer).padStart(4, '0')}`},${born}`);
    }
    return lines.join('\n') + '\n';
  }

  it('are warned about once each and own the same lines as in one pass', () => {
    const file = open(namesOnly(600));
    const expected = whole(file);
    expect(expected.problems.filter((p) => p.code === 'customer.keyless')).toHaveLength(7);
    const merged = split(file, file.text.length / 2);
    expect(merged.problems).toEqual(expected.problems);
    expect(merged.customers).toEqual(expected.customers);
    expect(Array.from(merged.lineKeyless)).toEqual(Array.from(expected.lineKeyless));
  });

  it('with birthdays telling two people of one name apart across the cut: not joined (the import converts the whole file)', () => {
    const file = open(namesOnly(600, 'two people'));
    const s = resolveSettings(file, {});
    const cut = splitPoint(file.text, file.text.length / 2)!;
    const a = convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true });
    const b = convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
    if (!a.ok || !b.ok) throw new Error('part failed');
    const before = structuredClone(a.value);
    expect(mergeConverted(a.value, b.value, s.mapping)).toBeNull();
    // Nothing taken over: the first part is as it was.
    expect(a.value).toEqual(before);
    // The same names with one birthday each (no second person): joined as one pass gives.
    const agreeing = open(namesOnly(600, 'one each'));
    const expected = whole(agreeing);
    const merged = split(agreeing, agreeing.text.length / 2);
    expect(merged.customers).toEqual(expected.customers);
    expect(merged.problems).toEqual(expected.problems);
    expect(Array.from(merged.lineKeyless)).toEqual(Array.from(expected.lineKeyless));
  });
});
