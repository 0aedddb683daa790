/**
 * The manager PIN of the clerk/manager lock (店员/店长模式). A convenience lock on a shared shop
 * laptop, not security: the data in the browser is not encrypted by it, and the UI says so.
 * The PIN is kept only as a salted, stretched hash so it cannot be read back from settings.
 * Pure JS rather than crypto.subtle, which browsers withhold from pages served over plain http
 * (a shop's LAN host).
 */
import { hash53 } from '../purchases/line-key';
import { err, ok, type Result } from '../result';

export type PinError = { code: 'pin.format' } | { code: 'pin.mismatch' };

/** 4–8 digits: typed fast on a till keyboard, and the lock is a convenience, not a vault. */
export function validatePin(pin: string, repeat: string): Result<string, PinError> {
  if (!/^\d{4,8}$/.test(pin)) return err({ code: 'pin.format' });
  if (pin !== repeat) return err({ code: 'pin.mismatch' });
  return ok(pin);
}

const ROUNDS = 20_000;

export function hashPin(pin: string, salt: string): string {
  let h = hash53(`${salt}:${pin}`);
  for (let i = 0; i < ROUNDS; i++) h = hash53(`${h}:${salt}`, i);
  return h.toString(36);
}

export interface StoredPin {
  salt: string;
  hash: string;
}

export function makeStoredPin(pin: string, random: () => number = Math.random): StoredPin {
  const salt = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32).toString(36)).join('');
  return { salt, hash: hashPin(pin, salt) };
}

export const pinMatches = (pin: string, stored: StoredPin) => hashPin(pin, stored.salt) === stored.hash;
