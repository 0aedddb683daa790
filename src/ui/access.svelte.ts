/**
 * Clerk (店员) or manager (店长) mode, as rune state every screen reads. With no PIN set the
 * shop has not asked for the lock: everyone is a manager. With a PIN, the app opens in clerk
 * mode; the PIN unlocks manager mode for this tab until locked again (sessionStorage).
 * Phones are masked in every list for everyone; a manager may reveal them for the session.
 */
import { getStoredPin, removePin, savePin } from '../data/access';
import type { KeqingDb } from '../data/db';
import { pinMatches } from '../lib/access/pin';
import { maskPhone } from '../lib/import/values/phone';

const SESSION_KEY = 'keqing.manager';

let loaded = $state(false);
let pinSet = $state(false);
let unlocked = $state(globalThis.sessionStorage?.getItem(SESSION_KEY) === '1');
let reveal = $state(false);

function setUnlocked(value: boolean) {
  unlocked = value;
  if (value) globalThis.sessionStorage?.setItem(SESSION_KEY, '1');
  else globalThis.sessionStorage?.removeItem(SESSION_KEY);
}

export const access = {
  get pinSet(): boolean {
    return pinSet;
  },
  get manager(): boolean {
    // Until settings are read, only a tab already unlocked is trusted as a manager.
    return loaded ? !pinSet || unlocked : unlocked;
  },
  get clerk(): boolean {
    return !this.manager;
  },
  /** Full phone numbers on screen: a manager's choice for this session. */
  get revealPhones(): boolean {
    return this.manager && reveal;
  },
  set revealPhones(value: boolean) {
    reveal = value && this.manager;
  },
  /** A phone as lists show it: 138****1234 unless a manager chose to reveal. */
  phone(phone: string | null | undefined): string {
    if (!phone) return '';
    return this.revealPhones ? phone : maskPhone(phone);
  },
  async load(db: KeqingDb): Promise<void> {
    pinSet = (await getStoredPin(db)) !== null;
    loaded = true;
  },
  async unlock(db: KeqingDb, pin: string): Promise<boolean> {
    const stored = await getStoredPin(db);
    const good = stored === null || pinMatches(pin, stored);
    if (good) setUnlocked(true);
    return good;
  },
  lock(): void {
    setUnlocked(false);
    reveal = false;
  },
  async setPin(db: KeqingDb, pin: string): Promise<void> {
    await savePin(db, pin);
    pinSet = true;
    // Whoever set the PIN is the manager; the lock starts with the next "Lock".
    setUnlocked(true);
  },
  async removePin(db: KeqingDb): Promise<void> {
    await removePin(db);
    pinSet = false;
  },
};
