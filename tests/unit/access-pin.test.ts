import { describe, expect, it } from 'vitest';
import {
  calibrateIterations,
  legacyHashPin,
  makeStoredPin,
  pbkdf2,
  PIN_ITERATIONS_CEILING,
  PIN_ITERATIONS_FLOOR,
  readStoredPin,
  sameBytes,
  validatePin,
  verifyPin,
} from '../../src/lib/access/pin';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('manager PIN', () => {
  it('accepts 4–12 digits typed twice alike', () => {
    expect(validatePin('1234', '1234')).toEqual({ ok: true, value: '1234' });
    expect(validatePin('123456', '123456').ok).toBe(true);
    expect(validatePin('123456789012', '123456789012').ok).toBe(true);
    expect(validatePin('123', '123')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('1234567890123', '1234567890123')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('12a4', '12a4')).toEqual({ ok: false, error: { code: 'pin.format' } });
    expect(validatePin('1234', '1243')).toEqual({ ok: false, error: { code: 'pin.mismatch' } });
  });

  it('derives PBKDF2-SHA-256 as RFC 7914 §11 publishes it', async () => {
    // RFC 7914 test vector: P="passwd", S="salt", c=1, dkLen=64.
    const out = await pbkdf2('passwd', new TextEncoder().encode('salt'), 1, 512);
    expect(hex(out)).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783');
  });

  it('keeps a salted PBKDF2 hash with its work factor, which the right PIN alone matches', { timeout: 30_000 }, async () => {
    const stored = await makeStoredPin('258046', PIN_ITERATIONS_FLOOR);
    expect(stored).toMatchObject({ kdf: 'pbkdf2-sha256', iterations: 100_000 });
    expect(JSON.stringify(stored)).not.toContain('258046');
    expect(atob(stored.salt)).toHaveLength(16);
    expect(atob(stored.hash)).toHaveLength(32);
    expect(await verifyPin('258046', stored)).toEqual({ match: true, rehash: false });
    expect(await verifyPin('258047', stored)).toEqual({ match: false, rehash: false });
    expect(await verifyPin('25804', stored)).toEqual({ match: false, rehash: false });
  });

  it('salts randomly: the same PIN stored twice gives different hashes', { timeout: 30_000 }, async () => {
    const a = await makeStoredPin('2580', PIN_ITERATIONS_FLOOR);
    const b = await makeStoredPin('2580', PIN_ITERATIONS_FLOOR);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('never stores fewer iterations than the floor', { timeout: 30_000 }, async () => {
    expect((await makeStoredPin('2580', 10)).iterations).toBe(PIN_ITERATIONS_FLOOR);
  });

  it('calibrates the work factor to ≈250 ms with a fake clock', async () => {
    const clock = (msFor100k: number) => {
      let t = 0;
      return { now: () => t, derive: async () => void (t += msFor100k) };
    };
    // 100 000 iterations took 40 ms → 250 / 40 × 100 000 = 625 000.
    const fast = clock(40);
    expect(await calibrateIterations(250, fast.now, fast.derive)).toBe(625_000);
    // A slow machine (400 ms for 100 000) still gets the floor, never fewer.
    const slow = clock(400);
    expect(await calibrateIterations(250, slow.now, slow.derive)).toBe(PIN_ITERATIONS_FLOOR);
    // A very fast one (1 ms) is capped: 25 000 000 → 5 000 000.
    const quick = clock(1);
    expect(await calibrateIterations(250, quick.now, quick.derive)).toBe(PIN_ITERATIONS_CEILING);
  });

  it('recognises a PIN kept with the old 53-bit hash once, and asks for it to be re-hashed', async () => {
    const legacy = { salt: 'abc123', hash: legacyHashPin('2580', 'abc123') };
    expect(readStoredPin(legacy)).toEqual(legacy);
    expect(await verifyPin('2580', legacy)).toEqual({ match: true, rehash: true });
    expect(await verifyPin('2581', legacy)).toEqual({ match: false, rehash: false });
  });

  it('reads back only a well-formed record', () => {
    const good = { kdf: 'pbkdf2-sha256', iterations: 200_000, salt: btoa('x'.repeat(16)), hash: btoa('y'.repeat(32)) };
    expect(readStoredPin(good)).toEqual(good);
    expect(readStoredPin({ ...good, iterations: 1000 })).toBeNull(); // below the floor: forged to be cheap
    expect(readStoredPin({ ...good, kdf: 'md5' })).toBeNull();
    expect(readStoredPin({ ...good, salt: btoa('short') })).toBeNull();
    expect(readStoredPin('2580')).toBeNull();
    expect(readStoredPin(null)).toBeNull();
  });

  it('compares bytes without stopping at the first difference', () => {
    expect(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(sameBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
  });
});
