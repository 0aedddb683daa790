/** Checks for stored care rows (backup restore): the name of the first bad field, or null. */
import { careTiers, validateCareRules, withRuleDefaults, type CareRules } from './rules';
import { isStoreOccasionDate } from './occasions';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isGift = (v: unknown) => v === null || (isObject(v) && typeof v.zh === 'string' && typeof v.en === 'string' && Number.isSafeInteger(v.budgetFen));

export function careRulesProblem(row: Record<string, unknown>): string | null {
  for (const f of ['cardDaysBefore', 'smsEveryDays'] as const) if (typeof row[f] !== 'number') return f;
  for (const f of ['callFrom', 'callTo', 'smsFrom'] as const) if (typeof row[f] !== 'string') return f;
  if (!isObject(row.tiers)) return 'tiers';
  for (const tier of careTiers) {
    const care = row.tiers[tier];
    if (!isObject(care)) return `tiers.${tier}`;
    for (const f of ['card', 'call', 'sms', 'weekly'] as const) if (typeof care[f] !== 'boolean') return `tiers.${tier}.${f}`;
    for (const f of ['holidayGift', 'birthdayGift'] as const) if (!isGift(care[f])) return `tiers.${tier}.${f}`;
    // Absent in rows saved before birthday-month benefits (read back with the default).
    const b = care.birthdayBenefit;
    if (b !== undefined && b !== null && !(isObject(b) && typeof b.zh === 'string' && typeof b.en === 'string')) return `tiers.${tier}.birthdayBenefit`;
  }
  const r = validateCareRules(withRuleDefaults(row as unknown as CareRules));
  return r.ok ? null : r.error.field;
}

export function storeOccasionProblem(row: Record<string, unknown>): string | null {
  if (typeof row.name !== 'string' || row.name.trim() === '') return 'name';
  if (typeof row.date !== 'string' || !isStoreOccasionDate(row.date)) return 'date';
  return null;
}

export function careDoneProblem(row: Record<string, unknown>): string | null {
  if (!Number.isSafeInteger(row.day)) return 'day';
  if (typeof row.by !== 'string') return 'by';
  if (typeof row.at !== 'string') return 'at';
  return null;
}
