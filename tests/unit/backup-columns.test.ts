/**
 * Backup format 3's column lines (lib/backup/columns): a page of rows as one line of columns
 * reads back as exactly the rows a row line would have given, and a hand-made line is refused.
 */
import { describe, expect, it } from 'vitest';
import type { AnyTypedArray } from '../../src/lib/backup/binary';
import { columnsLine, isColumnsLine, MAX_COLUMN_CELLS, MAX_COLUMN_ROWS, rowsFromColumns } from '../../src/lib/backup/columns';
import { parseTyped, TypedJsonError } from '../../src/lib/backup/typed-json';

/** Writes a line the way the container does and reads it back: arrays kept by number, as its parts. */
function roundTrip(rows: object[]) {
  const arrays: AnyTypedArray[] = [];
  const line = columnsLine(rows, true, (a) => arrays.push(a) - 1);
  const taken = new Set<number>();
  const shelf = {
    take(index: number, kind: string) {
      if (taken.has(index) || arrays[index]?.constructor.name !== kind) throw new TypeError('bad array reference');
      taken.add(index);
      return arrays[index]!;
    },
  };
  const value = parseTyped(line, shelf);
  if (!isColumnsLine(value)) throw new Error('not a column line');
  return { line, arrays, value: value as Record<string, unknown> & { $columns: unknown }, rows: rowsFromColumns(value) };
}

/** What a row line gives for a row: JSON's own rules. */
const asRowLine = (row: object) => JSON.parse(JSON.stringify(row)) as unknown;

describe('a page of rows as columns', () => {
  it('reads back every row as its row line would: absent and undefined fields, null, NaN, -0, dates, nesting', () => {
    const rows = [
      { id: 1, tier: 'A', churned: false, from: null, day: 20_100, note: '王芳\n"引号"', at: new Date('2026-12-07T01:02:03.000Z'), nested: { a: [1, 'x', null] } },
      { id: 2, tier: 'B', churned: true, from: 'A', day: 20_101.5, at: undefined, extra: [] },
      { id: 3, tier: 'A', churned: false, from: 'C', day: -0, note: '', score: Number.NaN, big: Number.MAX_SAFE_INTEGER },
      { id: 4, tier: 'A', churned: false, day: 7, score: Infinity, big: -1e300, mixed: 'x' },
      { id: 5, tier: 'C', churned: false, from: null, day: 8, mixed: 5 },
      {},
    ];
    const back = roundTrip(rows).rows;
    expect(back).toEqual(rows.map(asRowLine));
    // Field by field, not only deep-equal: the same keys, none set to undefined.
    back.forEach((row, i) => expect(Object.keys(row).sort()).toEqual(Object.keys(asRowLine(rows[i]!) as object).sort()));
    expect(Object.is(back[2]!.day, 0)).toBe(true);
  });

  it('keeps numbers bit for bit: fractions, huge and tiny values, ids counting up', () => {
    const values = [0.1, 1 / 3, 2 ** 53 - 1, -(2 ** 31), 2 ** 31, 5e-324, 1.7976931348623157e308, -123.456];
    const rows = values.map((v, i) => ({ id: i + 1, v }));
    const { rows: back, value } = roundTrip(rows);
    expect(back.map((r) => r.v)).toEqual(values);
    const cols = value.cols as Record<string, unknown>[];
    expect(cols.map((c) => Object.keys(c))).toEqual([['num'], ['num']]);
  });

  it('writes each column in the form that fits: numbers binary, repeated values as codes, the rest as JSON', () => {
    const rows = Array.from({ length: 2_048 }, (_, i) => ({
      id: i + 1,
      tier: 'ABC'[i % 3]!,
      name: `客户${i}`,
      // 400 distinct values each used about five times: codes of 16 bits.
      region: `地区${i % 400}`,
      ...(i % 10 === 0 ? { phone: `138${String(i).padStart(8, '0')}` } : {}),
    }));
    const { value, arrays, rows: back } = roundTrip(rows);
    expect(back).toEqual(rows);
    expect(value.keys).toEqual(['id', 'tier', 'name', 'region', 'phone']);
    const cols = value.cols as Record<string, unknown>[];
    expect(cols[0]!.num).toBeInstanceOf(Float64Array);
    expect(cols[1]!.dict).toEqual(['A', 'B', 'C']);
    expect(cols[1]!.codes).toBeInstanceOf(Uint8Array);
    expect(cols[2]!.json).toHaveLength(2_048);
    expect(cols[3]!.codes).toBeInstanceOf(Uint16Array);
    expect((cols[3]!.dict as unknown[]).length).toBe(400);
    // The phone column: the rows without one listed once, the 205 numbers as JSON text.
    expect(Array.from(cols[4]!.absent as Uint32Array)).toEqual(rows.flatMap((_, i) => (i % 10 === 0 ? [] : [i])));
    expect(cols[4]!.json).toHaveLength(205);
    // No key name is repeated per row: the line is a fraction of the rows' own lines.
    const rowText = rows.map((r) => JSON.stringify(r)).join('\n,');
    const { line } = roundTrip(rows);
    expect(line.length).toBeLessThan(rowText.length / 2);
    expect(arrays.length).toBe(4);
  });

  it('keeps typed arrays inside a value, and a field called "__proto__" as a field of its own', () => {
    const rows = [
      { key: 'a', columns: { start: new Int16Array([1, 2]) } },
      { key: 'b', columns: { start: new Int16Array([3]) } },
    ];
    const back = roundTrip(rows).rows;
    expect(back).toEqual(rows);
    expect((back[0]!.columns as { start: unknown }).start).toBeInstanceOf(Int16Array);
    const hostile = JSON.parse('[{"__proto__":{"polluted":1},"id":1},{"__proto__":{"polluted":2},"id":2}]') as object[];
    const read = roundTrip(hostile).rows;
    expect(Object.getPrototypeOf(read[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(read[1], '__proto__')?.value).toEqual({ polluted: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes an empty page and a page of rows without fields', () => {
    expect(roundTrip([]).rows).toEqual([]);
    expect(roundTrip([{}, {}]).rows).toEqual([{}, {}]);
    expect(columnsLine([{ id: 1 }], false, () => 0).startsWith(',{"$columns":1,')).toBe(true);
  });

  describe('refuses a line it could not have written', () => {
    const f64 = (...v: number[]) => Float64Array.from(v);
    const good = () => ({ $columns: 2, keys: ['id', 'tier'], cols: [{ num: f64(1, 2) }, { dict: ['A'], codes: Uint8Array.of(0, 0) }] }) as Record<string, unknown> & { $columns: unknown };
    const cases: [string, (v: ReturnType<typeof good>) => void][] = [
      ['a row count that is not a whole number', (v) => (v.$columns = 1.5)],
      ['a negative row count', (v) => (v.$columns = -1)],
      ['more rows than a line holds (built before anything is checked)', (v) => (v.$columns = MAX_COLUMN_ROWS + 1)],
      ['more fields than a line holds: 40,000 rows × 30 keys of one repeated code', (v) => {
        v.$columns = 40_000;
        const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
        v.keys = keys;
        v.cols = keys.map(() => ({ dict: ['x'], codes: new Uint8Array(40_000) }));
        expect(40_000 * 30).toBeGreaterThan(MAX_COLUMN_CELLS);
      }],
      ['keys and columns that do not pair', (v) => (v.keys = ['id'])],
      ['a key named twice', (v) => (v.keys = ['id', 'id'])],
      ['a key that is not text', (v) => (v.keys = ['id', 7])],
      ['a column of the wrong length', (v) => ((v.cols as unknown[])[0] = { num: f64(1) })],
      ['a column in two forms', (v) => ((v.cols as unknown[])[0] = { num: f64(1, 2), json: [1, 2] })],
      ['a column in no form', (v) => ((v.cols as unknown[])[0] = {})],
      ['a column that is not an object', (v) => ((v.cols as unknown[])[0] = null)],
      ['a number column holding NaN', (v) => ((v.cols as unknown[])[0] = { num: f64(1, Number.NaN) })],
      ['a number column that is not doubles', (v) => ((v.cols as unknown[])[0] = { num: Int32Array.of(1, 2) })],
      ['a code past the dictionary', (v) => ((v.cols as unknown[])[1] = { dict: ['A'], codes: Uint8Array.of(0, 1) })],
      ['a dictionary holding an object', (v) => ((v.cols as unknown[])[1] = { dict: [{}], codes: Uint8Array.of(0, 0) })],
      ['codes that are not bytes or 16-bit', (v) => ((v.cols as unknown[])[1] = { dict: ['A'], codes: Int32Array.of(0, 0) })],
      ['a JSON column that is not a list', (v) => ((v.cols as unknown[])[1] = { json: 'AA' })],
      ['absent rows out of order', (v) => ((v.cols as unknown[])[1] = { absent: Uint32Array.of(1, 0), json: [] })],
      ['an absent row past the last', (v) => ((v.cols as unknown[])[1] = { absent: Uint32Array.of(2), json: ['A'] })],
      ['absent rows that are not a list of numbers', (v) => ((v.cols as unknown[])[1] = { absent: [1], json: ['A'] })],
      ['absent rows leaving a different count', (v) => ((v.cols as unknown[])[1] = { absent: Uint32Array.of(1), json: ['A', 'B'] })],
    ];
    it('a well-made line reads', () => expect(rowsFromColumns(good())).toEqual([{ id: 1, tier: 'A' }, { id: 2, tier: 'A' }]));
    it.each(cases)('%s', (_name, spoil) => {
      const v = good();
      spoil(v);
      expect(() => rowsFromColumns(v)).toThrow(TypedJsonError);
    });
  });
});
