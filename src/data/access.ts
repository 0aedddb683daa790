/**
 * Where the manager PIN's hash (settings row 'accessPin') and the wrong-try lockout
 * ('accessLockout') are kept; the rules are in lib/access.
 */
import { noLockout, readLockout, recordFailure, remainingWait, type LockoutState } from '../lib/access/lockout';
import { calibrateIterations, makeStoredPin, readStoredPin, verifyPin, type AnyStoredPin } from '../lib/access/pin';
import type { KeqingDb } from './db';

export const PIN_KEY = 'accessPin';
export const LOCKOUT_KEY = 'accessLockout';

export async function getStoredPin(db: KeqingDb): Promise<AnyStoredPin | null> {
  return readStoredPin((await db.settings.get(PIN_KEY))?.value);
}

/** Hashes with a work factor measured now, on this machine (lib/access/pin). */
export async function savePin(db: KeqingDb, pin: string, iterations?: number): Promise<void> {
  const stored = await makeStoredPin(pin, iterations ?? (await calibrateIterations()));
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: PIN_KEY, value: stored });
    await db.settings.delete(LOCKOUT_KEY);
  });
}

export const removePin = (db: KeqingDb) => db.settings.bulkDelete([PIN_KEY, LOCKOUT_KEY]);

export const getLockout = async (db: KeqingDb): Promise<LockoutState> => readLockout((await db.settings.get(LOCKOUT_KEY))?.value);

export type PinAttempt = { ok: true } | { ok: false; code: 'access.wrongPin' | 'access.waiting' | 'access.noCrypto'; waitMs: number };

/**
 * One try at the PIN: refused unchecked while a lockout wait runs; a wrong PIN counts towards the
 * next wait; a right one clears the count (and re-hashes a PIN stored with the old 53-bit hash).
 * No PIN stored: there is no lock, so any try opens.
 */
export async function tryPin(db: KeqingDb, pin: string, now = Date.now()): Promise<PinAttempt> {
  const stored = await getStoredPin(db);
  if (stored === null) return { ok: true };
  const lockout = await getLockout(db);
  const wait = remainingWait(lockout, now);
  if (wait > 0) return { ok: false, code: 'access.waiting', waitMs: wait };
  let check: Awaited<ReturnType<typeof verifyPin>>;
  try {
    check = await verifyPin(pin, stored);
  } catch {
    // crypto.subtle is missing outside a secure context: say so rather than count a wrong try.
    return { ok: false, code: 'access.noCrypto', waitMs: 0 };
  }
  if (!check.match) {
    const next = recordFailure(lockout, now);
    await db.settings.put({ key: LOCKOUT_KEY, value: next });
    return { ok: false, code: 'access.wrongPin', waitMs: remainingWait(next, now) };
  }
  if (check.rehash) {
    // Where WebCrypto is withheld (plain http on a LAN host) the old hash stays until it is available.
    await savePin(db, pin).catch(() => db.settings.put({ key: LOCKOUT_KEY, value: noLockout }));
  }
  else if (lockout.failures > 0) await db.settings.put({ key: LOCKOUT_KEY, value: noLockout });
  return { ok: true };
}
