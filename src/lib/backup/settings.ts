/**
 * Settings rows of a backup, checked like every other table's rows: each known key's value must
 * have the shape its reader expects, so a hand-edited file cannot plant a PIN record that locks
 * the shop out, a profile without a name, or "many" as a number. Keys this version does not
 * know (written by a later feature of the same format) are kept: they are plain JSON, and no
 * screen reads them.
 */
import { readLockout } from '../access/lockout';
import { readStoredPin } from '../access/pin';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const numbersOnly = (v: unknown) => isObject(v) && Object.values(v).every(isNumber);
const textsOnly = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');
const isInstant = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v));

const byKey: Record<string, (value: unknown) => boolean> = {
  accessPin: (v) => readStoredPin(v) !== null,
  accessLockout: (v) => isObject(v) && JSON.stringify(readLockout(v)) === JSON.stringify({ failures: v.failures, until: v.until }),
  profile: (v) => isObject(v) && typeof v.name === 'string' && typeof v.type === 'string',
  lastBackupAt: isInstant,
  segmentActions: textsOnly,
  scorecardActionWording: textsOnly,
  tierParams: numbersOnly,
  dormancyParams: numbersOnly,
  gradeCuts: numbersOnly,
  valueSettings: isObject,
  growthScheme: isObject,
  selfCheckTarget: isObject,
  'timeuse.setup': isObject,
  'timeuse.running': isObject,
  'timeuse.currentRep': (v) => typeof v === 'string',
  growthLastReview: (v) => Number.isSafeInteger(v),
  needsHourlyCost: (v) => isNumber(v) && (v as number) >= 0,
  rfmRuleSets: Array.isArray,
  tagGroups: Array.isArray,
  autoTags: Array.isArray,
  savedGroups: Array.isArray,
  salesGroups: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  autoTagMembers: (v) => isObject(v) && isInstant(v.at) && isObject(v.members),
};

/** Remembered column mappings (data/import-mappings): one object per kind and file layout. */
const mappingKey = /^(importMapping[:.]|timeuse\.importMapping:)/;

/** The key of a setting whose value is the wrong shape, or null. */
export function settingProblem(row: Record<string, unknown>): string | null {
  const key = row.key as string;
  if (!('value' in row)) return 'value';
  const check = byKey[key] ?? (mappingKey.test(key) ? isObject : null);
  return check === null || check(row.value) ? null : key;
}
