/**
 * The backup container (formats 2 and 3, lib/backup/container): rows and typed arrays back exactly,
 * and a cut, changed or hand-made file refused with a reason before any row is handed out.
 */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/lib/backup/binary';
import { backupContainer, BACKUP_FORMAT, type BackupHeader } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';
import { encryptBackup } from '../../src/lib/backup/envelope';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';
import { packEntries } from '../../src/lib/timeuse/entries';

const header: BackupHeader = { app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-12-01T08:00:00.000Z', schemaVersion: 1 };
const columns = packLines([
  { day: 20_000, customerId: 1, amount: 12_345, quantity: 1, orderNo: 'S1', itemNo: 'A1', points: 1.5, flags: 2 },
  { day: 20_001, customerId: 0, amount: -0.5, quantity: 0.25, orderNo: 'S2', customerRef: '13800138000' },
  { day: 20_001, customerId: 2, amount: 0, quantity: -1, orderNo: 'S2' },
]);
const time = packEntries([
  { day: 20_000, start: 540, end: 600, category: '拜访' },
  { day: 20_001, start: 600, end: 630, category: '电话' },
] as never);
const tables = {
  settings: [{ key: 'profile', value: { name: '店', type: 'apparel', currency: 'CNY' } }],
  customers: [
    { id: 1, name: '王芳', phone: '13800138000', tags: ['常客'], createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
    { id: 2, name: '{"$typed":"Int32Array","bin":0}', notes: '"$typed"', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
  ],
  purchaseBatches: [{ id: 1, kind: 'demo', label: 'demo', at: '2026-11-23T08:00:00.000Z', summary: summariseColumns(columns) }],
  purchaseChunks: [{ id: 1, batchId: 1, columns }],
  timeChunks: [{ key: 'r1|24300', repId: 'r1', month: 24_300, columns: time }],
};

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const file = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** The parts of a container: where each head starts and its fields (layout in container.ts). */
function parts(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { at: number; kind: number; codec: number; arrayKind: number; packing: number; count: number; size: number; length: number }[] = [];
  for (let at = 12; at < bytes.length; ) {
    const length = view.getUint32(at + 12, true);
    out.push({ at, kind: bytes[at]!, codec: bytes[at + 1]!, arrayKind: bytes[at + 2]!, packing: bytes[at + 3]!, count: view.getUint32(at + 4, true), size: view.getUint32(at + 8, true), length });
    at += 20 + length;
  }
  return out;
}

/** A copy with one part's head fields and payload replaced, its CRC made right again (a deliberate edit, not damage). */
function edit(bytes: Uint8Array, index: number, change: { count?: number; codec?: number; payload?: Uint8Array; kind?: number; size?: number }): Uint8Array {
  const p = parts(bytes)[index]!;
  const payload = change.payload ?? bytes.slice(p.at + 20, p.at + 20 + p.length);
  const head = bytes.slice(p.at, p.at + 20);
  const view = new DataView(head.buffer);
  if (change.kind !== undefined) head[0] = change.kind;
  if (change.codec !== undefined) head[1] = change.codec;
  if (change.count !== undefined) view.setUint32(4, change.count, true);
  view.setUint32(8, change.size ?? payload.length, true);
  view.setUint32(12, payload.length, true);
  view.setUint32(16, crc32(payload), true);
  head[3] = 0;
  const out = new Uint8Array(bytes.length - 20 - p.length + 20 + payload.length);
  out.set(bytes.subarray(0, p.at), 0);
  out.set(head, p.at);
  out.set(payload, p.at + 20);
  out.set(bytes.subarray(p.at + 20 + p.length), p.at + 20 + payload.length);
  return out;
}

describe('backup container', () => {
  it('reads back every row exactly: each column type, a time chunk, text that looks like an array reference', async () => {
    const blob = await backupContainer(header, Object.entries(tables));
    const bytes = await bytesOf(blob);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('KQBACKUP');
    const r = await readBackup(blob);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.header).toEqual(header);
    expect(r.value.rows.customers).toEqual(tables.customers);
    const back = r.value.rows.purchaseChunks[0]!.columns;
    expect(back).toEqual(columns);
    expect(back.amount).toBeInstanceOf(Float64Array);
    expect(Array.from(back.amount)).toEqual([12_345, -0.5, 0]);
    expect(Array.from(back.points).map(String)).toEqual(['1.5', 'NaN', 'NaN']);
    expect(back.flags).toBeInstanceOf(Uint8Array);
    expect(r.value.rows.timeChunks[0]!.columns).toEqual(time);
    expect(r.value.rows.timeChunks[0]!.columns.start).toBeInstanceOf(Int16Array);
    // Nine purchase columns, five time columns, and six of the column lines (format 3): the
    // customers' ids and the rows lacking a phone, tags or notes, the batch's id, the time chunk's
    // month. Twenty array parts, then text, then the end.
    const kinds = parts(bytes).map((p) => p.kind);
    expect(kinds.filter((k) => k === 2)).toHaveLength(20);
    expect(kinds.at(-1)).toBe(3);
    expect(parts(bytes).at(-1)!.count).toBe(20);
  });

  it('reads column lines in a format-3 file only, and names the line of a damaged one', async () => {
    const older = await readBackup(await backupContainer({ ...header, format: 2 }, Object.entries(tables)));
    // Format 2 had row lines only: a column line there is one row, so the tables fall short of their counts.
    expect(older).toEqual({ ok: false, error: { code: 'backup.truncated' } });
    const good = await bytesOf(await backupContainer(header, Object.entries(tables)));
    const textIndex = parts(good).findIndex((p) => p.kind === 1);
    const textPart = parts(good)[textIndex]!;
    const original = new TextDecoder().decode(await bytesOf(await new Response(new Blob([good.slice(textPart.at + 20, textPart.at + 20 + textPart.length)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob()));
    expect(original).toContain('{"$columns":2,"keys":["id","name"');
    const spoilt = original.replace('{"$columns":2,"keys":["id","name"', '{"$columns":3,"keys":["id","name"');
    const line = original.slice(0, original.indexOf('{"$columns":2,"keys":["id","name"')).split('\n').length;
    expect(await readBackup(file(edit(good, textIndex, { payload: new TextEncoder().encode(spoilt) })))).toEqual({ ok: false, error: { code: 'backup.corrupt', line } });
  });

  it('reads a store with no rows at all, and tables left empty', async () => {
    const r = await readBackup(await backupContainer(header, [['customers', []], ['purchaseChunks', []]]));
    expect(r.ok && r.value.rows.customers).toEqual([]);
    expect(r.ok && r.value.rows.purchaseChunks).toEqual([]);
    const none = await readBackup(await backupContainer(header, []));
    expect(none.ok && none.value.rows.settings).toEqual([]);
  });

  it('opens inside the encrypted envelope', async () => {
    const sealed = await encryptBackup(await backupContainer(header, Object.entries(tables)), '门店备份密码', { iterations: 1000, chunkBytes: 64 });
    const r = await readBackup(sealed, undefined, { passphrase: '门店备份密码' });
    expect(r.ok && r.value.encrypted).toBe(true);
    expect(r.ok && r.value.rows.purchaseChunks[0]!.columns).toEqual(columns);
  });

  it('reports progress up to the whole file', async () => {
    const seen: number[] = [];
    await readBackup(await backupContainer(header, Object.entries(tables)), (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
  });

  describe('refuses a damaged or hand-made file', async () => {
    const good = await bytesOf(await backupContainer(header, Object.entries(tables)));
    const all = parts(good);
    const firstArray = all.findIndex((p) => p.kind === 2);
    const text = all.findIndex((p) => p.kind === 1);
    const amount = all.findIndex((p) => p.kind === 2 && p.count === 3 && p.arrayKind === 7 && p.codec === 0); // the amounts: -0.5 keeps them raw
    const at = (index: number) => index + 1; // parts are numbered from 1 in messages
    const flipped = good.slice();
    flipped[all[amount]!.at + 20 + 3]! ^= 0x10;
    const newer = good.slice();
    newer[8] = 2;
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(all[text]!.at + 12, 0xfffffff0, true);
    const longer = good.slice();
    new DataView(longer.buffer).setUint32(all[text]!.at + 12, all[text]!.length + 50, true);

    const cases: [string, Uint8Array, object][] = [
      ['cut inside the head', good.slice(0, 10), { code: 'backup.truncated' }],
      ['cut inside a part', good.slice(0, all[text]!.at + 30), { code: 'backup.truncated' }],
      ['cut between parts, before the end', good.slice(0, all.at(-1)!.at), { code: 'backup.truncated' }],
      ['a part longer than what is left of the file', longer, { code: 'backup.truncated' }],
      ['a part declaring 4 GB', huge, { code: 'backup.damaged', part: at(text), problem: 'size' }],
      ['a changed byte in a stored column', flipped, { code: 'backup.damaged', part: at(amount), problem: 'checksum' }],
      ['a column whose bytes do not fit its count', edit(good, amount, { count: 4 }), { code: 'backup.damaged', part: at(amount), problem: 'length' }],
      ['a number past 32 bits', edit(good, firstArray, { codec: 2, count: 1, payload: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f) }), { code: 'backup.damaged', part: at(firstArray), problem: 'numbers' }],
      ['one value declared 16 million times over', edit(good, firstArray, { codec: 1, count: 2 ** 30, payload: new Uint8Array(4) }), { code: 'backup.damaged', part: at(firstArray), problem: 'size' }],
      // 8,388,609 doubles (64 MiB and 8 bytes) from a file of a few kilobytes: refused before it is built.
      ['one value repeated into more than a small file can hold', edit(good, amount, { codec: 1, count: 2 ** 23 + 1, payload: new Uint8Array(8) }), { code: 'backup.damaged', part: at(amount), problem: 'size' }],
      ['compressed text declaring 200 MB', (() => { const b = good.slice(); new DataView(b.buffer).setUint32(all[text]!.at + 8, 200_000_000, true); return b; })(), { code: 'backup.damaged', part: at(text), problem: 'size' }],
      ['a part of unknown kind', edit(good, firstArray, { kind: 9 }), { code: 'backup.damaged', part: at(firstArray), problem: 'kind' }],
      ['text that is not UTF-8', edit(good, text, { payload: Uint8Array.of(0xff, 0xfe, 0x0a) }), { code: 'backup.damaged', part: at(text), problem: 'text' }],
      ['compressed text that does not inflate', (() => { const b = good.slice(); b.fill(0xff, all[text]!.at + 20, all[text]!.at + 40); return b; })(), { code: 'backup.damaged', part: at(text), problem: 'packing' }],
      ['bytes after the end', new Uint8Array([...good, 0]), { code: 'backup.damaged', part: all.length, problem: 'trailing' }],
      ['an end that counts other arrays', edit(good, all.length - 1, { count: 99, payload: new Uint8Array(0), size: 0 }), { code: 'backup.damaged', part: all.length, problem: 'length' }],
      ['a newer container', newer, { code: 'backup.newerContainer', version: 2 }],
    ];
    it.each(cases)('%s', async (_name, bytes, error) => {
      expect(await readBackup(file(bytes))).toEqual({ ok: false, error });
    });

    it('a row naming an array that is not there, or one named twice, or an array no row names', async () => {
      const textPart = all[text]!;
      const original = new TextDecoder().decode(await bytesOf(await new Response(new Blob([good.slice(textPart.at + 20, textPart.at + 20 + textPart.length)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob()));
      const withText = (t: string) => edit(good, text, { payload: new TextEncoder().encode(t) });
      const lineOf = (t: string, needle: string) => t.slice(0, t.indexOf(needle)).split('\n').length;
      // The amounts named as the days (their kinds differ), then the days named twice.
      const wrongKind = original.replace('"bin":2}', '"bin":0}');
      expect(await readBackup(file(withText(wrongKind)))).toEqual({ ok: false, error: { code: 'backup.corrupt', line: lineOf(original, '"bin":2}') } });
      const twice = original.replace('"bin":1}', '"bin":0}');
      expect(await readBackup(file(withText(twice)))).toEqual({ ok: false, error: { code: 'backup.corrupt', line: lineOf(original, '"bin":1}') } });
      const missing = original.replace('"bin":1}', '"bin":40}');
      expect(await readBackup(file(withText(missing)))).toEqual({ ok: false, error: { code: 'backup.corrupt', line: lineOf(original, '"bin":1}') } });
      // The time chunk's line taken out (counts corrected): its six arrays are left over, the first named first.
      const lines = original.split('\n');
      const timeRow = lines.findIndex((l) => l.includes('"repId"'));
      const firstNamed = Math.min(...[...lines[timeRow]!.matchAll(/"bin":(\d+)/g)].map((m) => Number(m[1])));
      const dropped = [...lines.slice(0, timeRow), ...lines.slice(timeRow + 1)].join('\n').replace('"timeChunks":1', '"timeChunks":0');
      const arrayParts = all.flatMap((p, i) => (p.kind === 2 ? [i] : []));
      expect(await readBackup(file(withText(dropped)))).toEqual({ ok: false, error: { code: 'backup.damaged', part: at(arrayParts[firstNamed]!), problem: 'unused' } });
    });
  });
});
