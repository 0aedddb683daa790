import { describe, expect, it } from 'vitest';
import { encryptBackup, ENVELOPE_HEADER_BYTES, isEnvelope, openEnvelope, validatePassphrase } from '../../src/lib/backup/envelope';
import { BACKUP_FORMAT, backupLines, type BackupHeader } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';

// The floor keeps these tests quick; the app uses 600 000 (BACKUP_KDF_ITERATIONS).
const fast = { iterations: 1000 };
const PASS = '店长的备份密码2026';

const header: BackupHeader = { app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-11-23T08:00:00.000Z', schemaVersion: 1 };
const tables = {
  settings: [{ key: 'profile', value: { name: '店', type: 'apparel', currency: 'CNY' } }],
  customers: [{ id: 1, name: '王芳', phone: '13800138000', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }],
};
const gzip = async (content: string) => new Blob([await new Response(new Blob([content]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()]);
const plainBackup = () => gzip([...backupLines(header, Object.entries(tables))].join('\n') + '\n');
const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
const decryptAll = async (sealed: Blob, passphrase: string) => {
  const opened = await openEnvelope(sealed, passphrase);
  if (!opened.ok) return opened;
  try {
    return { ok: true as const, value: new Uint8Array(await new Response(opened.value.plain).arrayBuffer()) };
  } catch {
    return { ok: false as const, error: opened.value.failure() };
  }
};

describe('encrypted backup envelope', () => {
  it('round-trips any length, including an exact number of chunks and nothing at all', async () => {
    for (const size of [0, 1, 15, 16, 17, 32, 33, 100]) {
      const plain = Uint8Array.from({ length: size }, (_, i) => (i * 37) % 256);
      const sealed = await encryptBackup(new Blob([plain]), PASS, { ...fast, chunkBytes: 16 });
      // Header, then ⌊size / 16⌋ + 1 chunks, each with a 16-byte tag: e.g. 32 bytes → 3 chunks (16, 16, 0).
      expect(sealed.size).toBe(ENVELOPE_HEADER_BYTES + size + (Math.floor(size / 16) + 1) * 16);
      expect(await decryptAll(sealed, PASS)).toEqual({ ok: true, value: plain });
    }
  });

  it('writes magic, version and PBKDF2 parameters, and random salt and nonce each time', async () => {
    const a = await bytesOf(await encryptBackup(new Blob(['x']), PASS, fast));
    const b = await bytesOf(await encryptBackup(new Blob(['x']), PASS, fast));
    expect(new TextDecoder().decode(a.slice(0, 7))).toBe('KQBKENC');
    expect([a[7], a[8], a[9]]).toEqual([0, 1, 1]); // NUL, envelope version 1, PBKDF2-SHA-256
    expect(new DataView(a.buffer).getUint32(10)).toBe(1000);
    expect(new DataView(a.buffer).getUint32(38)).toBe(1024 * 1024);
    expect(a.slice(14, 38)).not.toEqual(b.slice(14, 38));
    expect(await isEnvelope(new Blob([a]))).toBe(true);
    expect(await isEnvelope(await plainBackup())).toBe(false);
  });

  it('reads an encrypted backup only with its passphrase; a wrong one is told apart from damage', async () => {
    const sealed = await encryptBackup(await plainBackup(), PASS, fast);
    expect(await readBackup(sealed)).toEqual({ ok: false, error: { code: 'backup.needsPassphrase' } });
    expect(await readBackup(sealed, undefined, { passphrase: '店长的备份密码2025' })).toEqual({ ok: false, error: { code: 'backup.wrongPassphrase' } });
    const read = await readBackup(sealed, undefined, { passphrase: PASS });
    expect(read.ok && read.value.encrypted).toBe(true);
    expect(read.ok && read.value.rows.customers).toEqual(tables.customers);
  });

  it('refuses every tampering: a flipped body byte, an edited header, a dropped, swapped or extra chunk, a cut', async () => {
    const plain = Uint8Array.from({ length: 40 }, (_, i) => i);
    const sealed = await bytesOf(await encryptBackup(new Blob([plain]), PASS, { ...fast, chunkBytes: 16 }));
    const H = ENVELOPE_HEADER_BYTES;
    const chunk = (i: number) => sealed.slice(H + i * 32, H + (i + 1) * 32); // 16 bytes + 16 tag
    const head = sealed.slice(0, H);
    const join = (...parts: Uint8Array[]) => new Blob(parts as BlobPart[]);
    const flipped = sealed.slice();
    flipped[H + 40] = flipped[H + 40]! ^ 1;
    const iterations = sealed.slice();
    iterations[13] = iterations[13]! ^ 1; // iterations 1000 → 1001: the header is authenticated
    const cases: [string, Blob, unknown][] = [
      ['flipped byte in chunk 2', new Blob([flipped]), { code: 'backup.tampered', chunk: 2 }],
      ['edited header', new Blob([iterations]), { code: 'backup.wrongPassphrase' }],
      ['chunk 2 dropped', join(head, chunk(0), sealed.slice(H + 64)), { code: 'backup.tampered', chunk: 2 }],
      ['chunks 1 and 2 swapped', join(head, chunk(1), chunk(0), sealed.slice(H + 64)), { code: 'backup.tampered', chunk: 1 }],
      ['cut after two full chunks', join(head, chunk(0), chunk(1)), { code: 'backup.tampered', chunk: 2 }],
      ['cut inside the last chunk', new Blob([sealed.slice(0, sealed.length - 3)]), { code: 'backup.tampered', chunk: 3 }],
      ['a chunk added at the end', join(sealed, chunk(0)), { code: 'backup.tampered', chunk: 3 }],
    ];
    for (const [what, blob, error] of cases) expect(await decryptAll(blob, PASS), what).toEqual({ ok: false, error });
  });

  it('reports a damaged body through readBackup, and nothing is read from it', async () => {
    const sealed = await bytesOf(await encryptBackup(await plainBackup(), PASS, fast));
    sealed[sealed.length - 20] = sealed[sealed.length - 20]! ^ 0xff;
    expect(await readBackup(new Blob([sealed]), undefined, { passphrase: PASS })).toEqual({ ok: false, error: { code: 'backup.tampered', chunk: 1 } });
  });

  it('refuses a newer envelope version and absurd parameters before deriving any key', async () => {
    const sealed = await bytesOf(await encryptBackup(new Blob(['x']), PASS, fast));
    const newer = sealed.slice();
    newer[8] = 2;
    expect(await openEnvelope(new Blob([newer]), PASS)).toEqual({ ok: false, error: { code: 'backup.newerEnvelope', version: 2 } });
    const huge = sealed.slice();
    new DataView(huge.buffer).setUint32(10, 0xffffffff); // 4 billion iterations: hours of work
    expect(await openEnvelope(new Blob([huge]), PASS)).toEqual({ ok: false, error: { code: 'backup.badEnvelope' } });
    expect(await openEnvelope(new Blob([sealed.slice(0, 20)]), PASS)).toEqual({ ok: false, error: { code: 'backup.badEnvelope' } });
  });

  it('asks for 8 characters or more, typed twice alike', () => {
    expect(validatePassphrase('1234567', '1234567')).toEqual({ ok: false, error: { code: 'backup.passphraseShort' } });
    expect(validatePassphrase('备份密码备份密码', '备份密码备份密码')).toEqual({ ok: true, value: '备份密码备份密码' });
    expect(validatePassphrase('12345678', '12345679')).toEqual({ ok: false, error: { code: 'backup.passphraseMismatch' } });
  });
});
