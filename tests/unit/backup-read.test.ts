import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, backupLines, type BackupHeader } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';
import { stringifyTyped } from '../../src/lib/backup/typed-json';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';

const header: BackupHeader = { app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-11-23T08:00:00.000Z', schemaVersion: 1 };
const columns = packLines([
  { day: 20_000, customerId: 1, amount: 12_345, quantity: 1, orderNo: 'S1', itemNo: 'A1', points: 1.5 },
  { day: 20_001, customerId: 0, amount: -0.5, quantity: 0.25, orderNo: 'S2' },
]);
const tables = {
  settings: [{ key: 'profile', value: { name: '店', type: 'apparel', currency: 'CNY' } }],
  products: [{ code: 'A1', name: '连衣裙', category: '连衣裙', price: 89_900 }],
  customers: [
    { id: 1, name: '王芳', phone: '13800138000', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
    { id: 2, name: '=HYPERLINK("x")', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
  ],
  purchaseBatches: [{ id: 1, kind: 'demo', label: 'demo', at: '2026-11-23T08:00:00.000Z', summary: summariseColumns(columns) }],
  purchaseChunks: [{ id: 1, batchId: 1, columns }],
};

const text = (lines: Iterable<string>) => [...lines].join('\n') + '\n';
const file = (content: string | Uint8Array) => new Blob([content as BlobPart]);
const gzip = async (content: string) => new Blob([await new Response(new Blob([content]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()]);
const backupText = (t: Record<string, unknown[]> = tables, h: object = header) => text(backupLines(h as BackupHeader, Object.entries(t)));

describe('readBackup', () => {
  it('reads back every row exactly, typed arrays included, plain or gzipped', async () => {
    for (const blob of [file(backupText()), await gzip(backupText())]) {
      const r = await readBackup(blob);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.header).toEqual(header);
      expect(r.value.rows.customers).toEqual(tables.customers);
      const back = r.value.rows.purchaseChunks[0]!.columns;
      expect(back.amount).toBeInstanceOf(Float64Array);
      expect(Array.from(back.amount)).toEqual([12_345, -0.5]);
      expect(Array.from(back.quantity)).toEqual([1, 0.25]);
      expect(back).toEqual(columns);
    }
  });

  it('reports progress up to the whole file', async () => {
    const seen: number[] = [];
    await readBackup(file(backupText()), (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
  });

  it('accepts the same document laid out differently (pretty-printed by hand)', async () => {
    const doc = JSON.parse(stringifyTyped({ ...header, tables, counts: {} }));
    const r = await readBackup(file(JSON.stringify(doc, null, 2)));
    expect(r.ok && r.value.rows.purchaseChunks[0]!.columns).toEqual(columns);
  });

  it('reads a store with no rows at all', async () => {
    const r = await readBackup(file(backupText({})));
    expect(r.ok && r.value.rows.customers).toEqual([]);
  });

  const cases: [string, () => Promise<Blob> | Blob, object][] = [
    ['an empty file', () => file(''), { code: 'backup.empty' }],
    ['a CSV file', () => file('姓名,电话\n王芳,13800138000\n'), { code: 'backup.notBackup' }],
    ['another app’s JSON', () => file('{"hello": "world"}'), { code: 'backup.notBackup' }],
    ['binary noise', () => file(new Uint8Array([0, 159, 146, 150, 255, 1, 2])), { code: 'backup.notBackup' }],
    ['a file from a newer Keqing', () => file(backupText(tables, { ...header, format: BACKUP_FORMAT + 1 })), { code: 'backup.newerFormat', format: BACKUP_FORMAT + 1, supported: BACKUP_FORMAT }],
    ['a version that is not a number', () => file(backupText(tables, { ...header, format: 'one' })), { code: 'backup.badFormat' }],
    ['a file cut off before its end', () => file(backupText().slice(0, backupText().lastIndexOf('},"counts"'))), { code: 'backup.truncated' }],
    ['a gzip file cut in half', async () => (await gzip(backupText())).slice(0, 200), { code: 'backup.truncated' }],
    ['counts that do not match the rows', () => file(backupText().replace('"customers":2', '"customers":3')), { code: 'backup.truncated' }],
    // Lines: 1 header, 2–4 settings, 5–7 products, 8 customers opens, 9 王芳.
    ['a damaged row', () => file(backupText().replace('"name":"王芳"', '"name":"王芳')), { code: 'backup.corrupt', line: 9 }],
    ['a row of the wrong shape', () => file(backupText({ ...tables, customers: [{ id: 1, createdAt: 'x', updatedAt: 'x' }] })), { code: 'backup.badRow', table: 'customers', row: 1, problem: 'badField', field: 'name' }],
    ['two rows with one key', () => file(backupText({ ...tables, customers: [tables.customers[0], tables.customers[0]] })), { code: 'backup.badRow', table: 'customers', row: 2, problem: 'duplicateKey', field: 'id' }],
    ['lines of a batch that is not there', () => file(backupText({ ...tables, purchaseBatches: [] })), { code: 'backup.badRow', table: 'purchaseChunks', row: 1, problem: 'unknownBatch', field: 'batchId' }],
    ['columns of unequal length', () => file(backupText({ ...tables, purchaseChunks: [{ id: 1, batchId: 1, columns: { ...columns, day: new Int32Array(1) } }] })), { code: 'backup.badRow', table: 'purchaseChunks', row: 1, problem: 'badColumns', field: 'columns' }],
    ['an unknown table', () => file(backupText({ ...tables, secrets: [] })), { code: 'backup.unknownTable', table: 'secrets' }],
    ['garbage after the end', () => file(backupText() + 'oops\n'), { code: 'backup.corrupt', line: 19 }], // 18 is the counts line
  ];
  it.each(cases)('refuses %s with a clear code', async (_name, make, error) => {
    expect(await readBackup(await make())).toEqual({ ok: false, error });
  });
});
