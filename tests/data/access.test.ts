import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLockout, getStoredPin, LOCKOUT_KEY, PIN_KEY, savePin, tryPin } from '../../src/data/access';
import { legacyHashPin, PIN_ITERATIONS_FLOOR } from '../../src/lib/access/pin';
import { freshDb } from './helpers';

describe('manager PIN in the store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('without WebCrypto (plain http) says so and counts no wrong try; an old-hash PIN still opens', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await savePin(db, '258046', PIN_ITERATIONS_FLOOR);
    const legacy = freshDb();
    await legacy.settings.put({ key: PIN_KEY, value: { salt: 'k2j3', hash: legacyHashPin('2580', 'k2j3') } });
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new TypeError('crypto.subtle unavailable'));
    expect(await tryPin(db, '258046')).toEqual({ ok: false, code: 'access.noCrypto', waitMs: 0 });
    expect(await getLockout(db)).toEqual({ failures: 0, until: 0 });
    // The old hash needs no WebCrypto; re-hashing waits until it is there.
    expect(await tryPin(legacy, '2580')).toEqual({ ok: true });
    expect(await getStoredPin(legacy)).toEqual({ salt: 'k2j3', hash: legacyHashPin('2580', 'k2j3') });
  });

  it('refuses tries during the lockout without checking them, and the lockout survives a reopen', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await savePin(db, '258046', PIN_ITERATIONS_FLOOR);
    const t0 = 1_700_000_000_000;
    for (let i = 1; i <= 4; i++) expect(await tryPin(db, '000000', t0)).toEqual({ ok: false, code: 'access.wrongPin', waitMs: 0 });
    expect(await tryPin(db, '000000', t0)).toEqual({ ok: false, code: 'access.wrongPin', waitMs: 30_000 });
    // Even the right PIN is not checked until the 30 s are over.
    expect(await tryPin(db, '258046', t0 + 10_000)).toEqual({ ok: false, code: 'access.waiting', waitMs: 20_000 });
    // A reload opens the database again: the count is still there.
    db.close();
    await db.open();
    expect(await getLockout(db)).toEqual({ failures: 5, until: t0 + 30_000 });
    expect(await tryPin(db, '111111', t0 + 30_000)).toEqual({ ok: false, code: 'access.wrongPin', waitMs: 60_000 });
    expect(await tryPin(db, '258046', t0 + 90_000)).toEqual({ ok: true });
    expect(await getLockout(db)).toEqual({ failures: 0, until: 0 });
  });

  it('re-hashes a PIN kept with the old 53-bit hash on its first right entry', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await db.settings.put({ key: PIN_KEY, value: { salt: 'k2j3', hash: legacyHashPin('2580', 'k2j3') } });
    expect(await tryPin(db, '2581')).toMatchObject({ ok: false });
    expect(await getStoredPin(db)).toEqual({ salt: 'k2j3', hash: legacyHashPin('2580', 'k2j3') });
    expect(await tryPin(db, '2580')).toEqual({ ok: true });
    const stored = await getStoredPin(db);
    expect(stored).toMatchObject({ kdf: 'pbkdf2-sha256' });
    expect((stored as { iterations: number }).iterations).toBeGreaterThanOrEqual(PIN_ITERATIONS_FLOOR);
    expect(await tryPin(db, '2580')).toEqual({ ok: true });
    expect(await tryPin(db, '2581')).toMatchObject({ ok: false, code: 'access.wrongPin' });
  });

  it('a new PIN clears an old lockout', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await db.settings.put({ key: LOCKOUT_KEY, value: { failures: 9, until: Date.now() + 1e6 } });
    await savePin(db, '1234', PIN_ITERATIONS_FLOOR);
    expect(await getLockout(db)).toEqual({ failures: 0, until: 0 });
  });
});
