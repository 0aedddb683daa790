/** The care calendar's stored parts: rules (one row), the store's occasions, and done tasks. */
import { defaultCareRules, validateCareRules, withRuleDefaults, type CareRules, type CareRulesError } from '../lib/care/rules';
import { isStoreOccasionDate, type StoreOccasion } from '../lib/care/occasions';
import type { CareCustomer } from '../lib/care/tasks';
import { tierSource, type TierStateLike } from '../lib/care/tier-source';
import type { CareTier } from '../lib/care/rules';
import { err, ok, type Result } from '../lib/result';
import type { CareDoneRow } from '../lib/store-rows';
import type { Customer } from '../lib/customers/customer';
import type { KeqingDb } from './db';
import { readTierStates } from './tiers';

const RULES_ID = 'store';

export async function readCareRules(db: KeqingDb): Promise<CareRules> {
  const row = await db.careRules.get(RULES_ID);
  if (!row) return structuredClone(defaultCareRules);
  const { id: _id, ...rules } = row;
  return withRuleDefaults(rules);
}

export async function saveCareRules(db: KeqingDb, rules: CareRules): Promise<Result<void, CareRulesError>> {
  const r = validateCareRules(rules);
  if (!r.ok) return r;
  await db.careRules.put({ ...structuredClone(rules), id: RULES_ID });
  return ok(undefined);
}

export const resetCareRules = (db: KeqingDb) => db.careRules.delete(RULES_ID);

export const readStoreOccasions = (db: KeqingDb): Promise<StoreOccasion[]> => db.careOccasions.toArray();

export type OccasionError = { code: 'care.occasionName' } | { code: 'care.occasionDate' };

export async function addStoreOccasion(db: KeqingDb, name: string, date: string): Promise<Result<number, OccasionError>> {
  if (name.trim() === '') return err({ code: 'care.occasionName' });
  if (!isStoreOccasionDate(date)) return err({ code: 'care.occasionDate' });
  const id = await db.careOccasions.add({ name: name.trim(), date } as StoreOccasion);
  return ok(id);
}

export const deleteStoreOccasion = (db: KeqingDb, id: number) => db.careOccasions.delete(id);

/** Done tasks whose day is in [from, to], by task key. */
export async function readCareDone(db: KeqingDb, from: number, to: number): Promise<Map<string, CareDoneRow>> {
  const rows = await db.careDone.where('day').between(from, to, true, true).toArray();
  return new Map(rows.map((r) => [r.key, r]));
}

export type DoneError = { code: 'care.doneByRequired' };

export async function markCareDone(db: KeqingDb, key: string, day: number, by: string, at = new Date()): Promise<Result<void, DoneError>> {
  if (by.trim() === '') return err({ code: 'care.doneByRequired' });
  await db.careDone.put({ key, day, by: by.trim(), at: at.toISOString() });
  return ok(undefined);
}

export const unmarkCareDone = (db: KeqingDb, key: string) => db.careDone.delete(key);

export interface CarePerson extends CareCustomer {
  name: string;
  /** What the gift sheet calls the customer number: card no., else the shop's id, else ours. */
  number: string;
  /** The shop's own keys, for the task CSV's key columns (lib/customers/export-keys). */
  externalId?: string;
  cardNo?: string;
}

export interface CareBase {
  people: CarePerson[];
  tierOf: (customerId: number) => CareTier | null;
  /** Whether any tier review is stored (otherwise everyone is untiered). */
  tiered: boolean;
  rules: CareRules;
  occasions: StoreOccasion[];
}

/** A customer as the care tasks need them (the fields the customer file carries). */
export function carePerson(c: Pick<Customer, 'id' | 'name' | 'birthday' | 'birthdayLunar' | 'birthdayLeap' | 'phone' | 'externalId' | 'cardNo'>): CarePerson {
  const p: CarePerson = { id: c.id, name: c.name, number: c.cardNo ?? c.externalId ?? String(c.id) };
  if (c.birthday) p.birthday = c.birthday;
  if (c.birthday && c.birthdayLunar) p.birthdayLunar = true;
  if (c.birthday && c.birthdayLeap) p.birthdayLeap = true;
  if (c.phone) p.phone = c.phone;
  if (c.externalId) p.externalId = c.externalId;
  if (c.cardNo) p.cardNo = c.cardNo;
  return p;
}

/** Everything but the customers that a week's tasks are computed from. */
export async function readCareSettings(db: KeqingDb): Promise<Omit<CareBase, 'people'>> {
  const [states, rules, occasions] = await Promise.all([readTierStates(db) as Promise<TierStateLike[]>, readCareRules(db), readStoreOccasions(db)]);
  return { tierOf: tierSource(states), tiered: states.length > 0, rules, occasions };
}

