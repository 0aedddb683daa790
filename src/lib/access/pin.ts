/**
 * The manager PIN of the clerk/manager lock (店员/店长模式). It stops a curious clerk, not someone
 * who takes the laptop: the data in the browser is not encrypted by it, and the UI says so.
 * The PIN is kept only as a PBKDF2-SHA-256 hash (WebCrypto) with a random 16-byte salt and a work
 * factor calibrated when the PIN is set (≈250 ms on the shop's machine, never below 100 000), so a
 * copied settings row costs a guesser real time per try. WebCrypto needs a secure context
 * (https or localhost); elsewhere setting a PIN is refused with a message.
 *
 * Stores from before this kept a 53-bit non-cryptographic hash (`LegacyPin`). Such a PIN keeps
 * working once: the first right entry re-hashes it with PBKDF2 (`verifyPin` says `rehash`).
 */
import { hash53 } from '../purchases/line-key';
import { err, ok, type Result } from '../result';

export type PinError = { code: 'pin.format' } | { code: 'pin.mismatch' };

/** 4–12 digits: typed fast on a till keyboard; 6 or more is what the screen recommends. */
export function validatePin(pin: string, repeat: string): Result<string, PinError> {
  if (!/^\d{4,12}$/.test(pin)) return err({ code: 'pin.format' });
  if (pin !== repeat) return err({ code: 'pin.mismatch' });
  return ok(pin);
}

export const PIN_ITERATIONS_FLOOR = 100_000;
/** A slow machine must not calibrate to a wait nobody accepts, nor a fast one to minutes. */
export const PIN_ITERATIONS_CEILING = 5_000_000;
export const PIN_TARGET_MS = 250;

export interface StoredPin {
  kdf: 'pbkdf2-sha256';
  iterations: number;
  /** base64, 16 bytes */
  salt: string;
  /** base64, 32 bytes */
  hash: string;
}

/** The 53-bit hash stores kept before PBKDF2 (salt and hash as base-36 text). */
export interface LegacyPin {
  salt: string;
  hash: string;
}

export type AnyStoredPin = StoredPin | LegacyPin;

export const isPbkdf2Pin = (p: AnyStoredPin): p is StoredPin => (p as Partial<StoredPin>).kdf === 'pbkdf2-sha256';

/** A settings value read back: a PBKDF2 record, a legacy record, or nothing usable. */
export function readStoredPin(value: unknown): AnyStoredPin | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.salt !== 'string' || typeof v.hash !== 'string') return null;
  if (v.kdf === undefined) return { salt: v.salt, hash: v.hash };
  if (v.kdf !== 'pbkdf2-sha256' || !Number.isSafeInteger(v.iterations) || (v.iterations as number) < PIN_ITERATIONS_FLOOR || (v.iterations as number) > PIN_ITERATIONS_CEILING) return null;
  const salt = fromBase64(v.salt);
  const hash = fromBase64(v.hash);
  if (salt?.length !== 16 || hash?.length !== 32) return null;
  return { kdf: 'pbkdf2-sha256', iterations: v.iterations as number, salt: v.salt, hash: v.hash };
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function pbkdf2(secret: string, salt: Uint8Array, iterations: number, bits = 256): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, bits));
}

/**
 * Iterations that take about `targetMs` here: one probe at the floor, scaled, clamped.
 * `derive` and `now` are parameters so a test can stand in a fake clock.
 */
export async function calibrateIterations(
  targetMs = PIN_TARGET_MS,
  now: () => number = () => performance.now(),
  derive: (iterations: number) => Promise<unknown> = (n) => pbkdf2('calibrate', new Uint8Array(16), n),
): Promise<number> {
  const start = now();
  await derive(PIN_ITERATIONS_FLOOR);
  const ms = Math.max(now() - start, 1);
  const scaled = Math.round((PIN_ITERATIONS_FLOOR * targetMs) / ms / 1000) * 1000;
  return Math.min(PIN_ITERATIONS_CEILING, Math.max(PIN_ITERATIONS_FLOOR, scaled));
}

export async function makeStoredPin(pin: string, iterations: number, salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Promise<StoredPin> {
  const n = Math.min(PIN_ITERATIONS_CEILING, Math.max(PIN_ITERATIONS_FLOOR, Math.round(iterations)));
  return { kdf: 'pbkdf2-sha256', iterations: n, salt: toBase64(salt), hash: toBase64(await pbkdf2(pin, salt, n)) };
}

/** Compares every byte whatever the first difference, so the time taken tells nothing. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The old 53-bit hash, kept only to recognise a PIN set before PBKDF2 once. */
export function legacyHashPin(pin: string, salt: string): string {
  let h = hash53(`${salt}:${pin}`);
  for (let i = 0; i < 20_000; i++) h = hash53(`${h}:${salt}`, i);
  return h.toString(36);
}

export interface PinCheck {
  match: boolean;
  /** The stored record is the legacy hash: store a PBKDF2 one now that the PIN is known. */
  rehash: boolean;
}

export async function verifyPin(pin: string, stored: AnyStoredPin): Promise<PinCheck> {
  if (!isPbkdf2Pin(stored)) {
    const enc = new TextEncoder();
    const match = sameBytes(enc.encode(legacyHashPin(pin, stored.salt)), enc.encode(stored.hash));
    return { match, rehash: match };
  }
  const salt = fromBase64(stored.salt);
  const want = fromBase64(stored.hash);
  if (!salt || !want) return { match: false, rehash: false };
  return { match: sameBytes(await pbkdf2(pin, salt, stored.iterations), want), rehash: false };
}
