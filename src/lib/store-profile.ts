import { err, ok, type Result } from './result';

export const storeTypes = ['apparel', 'phone', 'flooring', 'car', 'other'] as const;
export type StoreType = (typeof storeTypes)[number];

export interface StoreProfile {
  name: string;
  type: StoreType;
  /** ISO 4217; the course's stores all trade in yuan. */
  currency: 'CNY';
}

export const defaultStoreProfile: StoreProfile = { name: '', type: 'apparel', currency: 'CNY' };

export type StoreProfileError = { code: 'profile.nameTooLong' | 'profile.badType'; field: 'name' | 'type' };

export const STORE_NAME_MAX = 60;

/** Trims the name and checks the profile before it is stored. */
export function validateStoreProfile(input: StoreProfile): Result<StoreProfile, StoreProfileError> {
  const name = input.name.trim();
  if (name.length > STORE_NAME_MAX) return err({ code: 'profile.nameTooLong', field: 'name' });
  if (!storeTypes.includes(input.type)) return err({ code: 'profile.badType', field: 'type' });
  return ok({ name, type: input.type, currency: 'CNY' });
}
