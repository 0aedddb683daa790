import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { forEachRow, guessNewline, plainRows, type Separator } from '../../src/lib/import/parse';

/** Each row PapaParse gives for `text`, with its cursor (just past the row and its break). */
function papaRows(text: string, delimiter: Separator): [string[], number][] {
  const rows: [string[], number][] = [];
  Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false, step: (r) => void rows.push([r.data, r.meta.cursor]) });
  return rows;
}

function ownRows(text: string, delimiter: Separator): [string[], number][] | null {
  const rows: [string[], number][] = [];
  return plainRows(text, delimiter, (row, cursor) => rows.push([row, cursor]) > 0) ? rows : null;
}

describe('rows of a text without quotes (read without PapaParse, as PapaParse reads them)', () => {
  it('gives PapaParse\'s rows and cursors for 3,000 random texts of every kind of line break and separator', () => {
    let seed = 9;
    const next = (n: number) => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) % n;
    const pieces = ['a', 'bc', '中', ' ', ',', ';', '\t', '|', '\r', '\n', '\r\n', '\r\n', '\r\n', ''];
    const separators: Separator[] = [',', ';', '\t', '|'];
    for (let run = 0; run < 3_000; run++) {
      const text = Array.from({ length: next(60) }, () => pieces[next(pieces.length)]!).join('');
      const separator = separators[next(separators.length)]!;
      expect(ownRows(text, separator), JSON.stringify(text)).toEqual(papaRows(text, separator));
    }
  });

  it('judges the line break from the first megabyte, as PapaParse does', () => {
    expect(guessNewline('a,b\r\nc,d\r\n')).toBe('\r\n');
    expect(guessNewline('a,b\nc,d\r\n')).toBe('\n'); // an LF first
    expect(guessNewline('a,b\rc,d\re\r\nf')).toBe('\r'); // one piece of three starts with an LF
    expect(guessNewline('a\r\nb\r\nc\rd')).toBe('\r\n'); // two pieces of four start with an LF: at least half
    expect(guessNewline('x'.repeat(1024 * 1024) + '\r\n')).toBe('\n'); // the CR is past the first megabyte
    const cut = 'x'.repeat(1024 * 1024 - 1) + '\r\nnext';
    expect(ownRows(cut, ',')).toEqual(papaRows(cut, ','));
  });

  it('leaves a text with a quote or a byte-order mark to PapaParse', () => {
    expect(ownRows('a,"b"\n', ',')).toBeNull();
    expect(ownRows('\ufeffa,b\n', ',')).toBeNull();
    expect(ownRows('', ',')).toEqual([]);
  });

  it('numbers rows by the lines they start on and stops at the limit, with or without quotes', () => {
    const rows = (text: string, limit?: number) => {
      const seen: [string[], number][] = [];
      forEachRow(text, ',', (row, line) => seen.push([row, line]), limit === undefined ? {} : { limit });
      return seen;
    };
    expect(rows('a,b\r\n\r\nc,d\r\ne,f')).toEqual([[['a', 'b'], 1], [['c', 'd'], 3], [['e', 'f'], 4]]);
    expect(rows('a,b\r\n\r\n"c",d\r\ne,f')).toEqual([[['a', 'b'], 1], [['c', 'd'], 3], [['e', 'f'], 4]]);
    expect(rows('a\nb\nc\nd', 2)).toEqual([[['a'], 1], [['b'], 2]]);
    expect(rows('a,,\n ,\nb,', 5)).toEqual([[['a', '', ''], 1], [['b', ''], 3]]); // a row of blanks is no row
  });
});
