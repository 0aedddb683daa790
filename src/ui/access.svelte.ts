/**
 * Clerk (店员) or manager (店长) mode, as rune state every screen reads. With no PIN set the
 * shop has not asked for the lock: everyone is a manager. With a PIN, the app opens in clerk
 * mode; the PIN unlocks manager mode in this page's memory only: no sessionStorage or
 * localStorage flag is read, so a reload (or a flag set by hand) is back in clerk mode.
 * Phones are masked on screen for everyone; a manager may reveal them until locking (Phone.svelte).
 */
import { getStoredPin, removePin, savePin, tryPin, type PinAttempt } from '../data/access';
import type { KeqingDb } from '../data/db';
import { maskPhone } from '../lib/import/values/phone';
import { classMode } from './class-mode.svelte';

let loaded = $state(false);
let pinSet = $state(false);
let unlocked = $state(false);
let reveal = $state(false);

export const access = {
  get pinSet(): boolean {
    return pinSet;
  },
  get manager(): boolean {
    // Until settings are read nobody is trusted as a manager.
    return loaded && (!pinSet || unlocked);
  },
  get clerk(): boolean {
    return !this.manager;
  },
  /** Full phone numbers on screen: a manager's choice until the next lock. */
  get revealPhones(): boolean {
    // Never in class mode: the screen is projected to a room.
    return this.manager && reveal && !classMode.on;
  },
  set revealPhones(value: boolean) {
    reveal = value && this.manager;
  },
  /** A phone as text for screens: 138****1234 unless a manager chose to reveal. Render with Phone.svelte. */
  phone(phone: string | null | undefined): string {
    if (!phone) return '';
    return this.revealPhones ? phone : maskPhone(phone);
  },
  async load(db: KeqingDb): Promise<void> {
    pinSet = (await getStoredPin(db)) !== null;
    loaded = true;
  },
  async unlock(db: KeqingDb, pin: string, now = Date.now()): Promise<PinAttempt> {
    const attempt = await tryPin(db, pin, now);
    if (attempt.ok) unlocked = true;
    return attempt;
  },
  lock(): void {
    unlocked = false;
    reveal = false;
  },
  async setPin(db: KeqingDb, pin: string): Promise<void> {
    await savePin(db, pin);
    pinSet = true;
    // Whoever set the PIN is the manager; the lock starts with the next "Lock".
    unlocked = true;
  },
  async removePin(db: KeqingDb): Promise<void> {
    await removePin(db);
    pinSet = false;
  },
};
