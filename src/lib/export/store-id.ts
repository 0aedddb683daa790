/**
 * The store id written on every row of the open-format export (issue 19). Generated once per
 * store; a head office may give its own code instead (e.g. SH-001), so it is checked, not free text:
 * it ends up in file paths, SQL literals and customer ids ("<store_id>:<keqing_id>").
 */
import { err, ok, type Result } from '../result';

export const STORE_ID_MAX = 32;

export type StoreIdError = { code: 'openExport.badStoreId'; max: number };

/** 1–32 characters of A–Z, a–z, 0–9, '-' and '_' (trimmed). */
export function validateStoreId(text: string): Result<string, StoreIdError> {
  const id = text.trim();
  return /^[A-Za-z0-9_-]+$/.test(id) && id.length <= STORE_ID_MAX ? ok(id) : err({ code: 'openExport.badStoreId', max: STORE_ID_MAX });
}

/** "KQ-" and 8 hex digits from the given random bytes (crypto in the app, fixed in tests). */
export function newStoreId(bytes: Uint8Array): string {
  return 'KQ-' + Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}
