import { describe, expect, it } from 'vitest';
import { rowLine, rowLines } from '../../src/lib/backup/format';
import { stringifyBinary } from '../../src/lib/backup/typed-json';

describe('a page of backup rows as one text', () => {
  const rows = [{ id: 1, name: '王芳' }, { id: 2, note: 'a\nb' }, { id: 3, at: null }];

  it('is the rows’ own lines joined by newlines, the table’s first row without a comma', () => {
    expect(rowLines(rows, true)).toBe('{"id":1,"name":"王芳"}\n,{"id":2,"note":"a\\nb"}\n,{"id":3,"at":null}');
    expect(rowLines(rows, true)).toBe(rows.map((r, i) => rowLine(r, i === 0)).join('\n'));
    expect(rowLines(rows.slice(1), false)).toBe(rows.slice(1).map((r) => rowLine(r, false)).join('\n'));
  });

  it('hands typed arrays to the container in row order', () => {
    const stored: number[][] = [];
    const stringify = (row: unknown) => stringifyBinary(row, (a) => stored.push([...a]) - 1);
    const text = rowLines([{ id: 1, keys: new Int32Array([5, 6]) }, { id: 2 }, { id: 3, keys: new Int32Array([7]) }], false, stringify);
    expect(text).toBe(',{"id":1,"keys":{"$typed":"Int32Array","bin":0}}\n,{"id":2}\n,{"id":3,"keys":{"$typed":"Int32Array","bin":1}}');
    expect(stored).toEqual([[5, 6], [7]]);
  });
});
