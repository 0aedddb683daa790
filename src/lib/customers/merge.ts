/**
 * Merging two records of one person into one (domain.md §2: one unified view per customer).
 * Pure: the caller re-points the other record's purchases to `keep.id` and deletes the other record.
 */
import type { Customer, Prospect } from './customer';
import { isFilled } from './quality';

export interface MergeConflict {
  field: keyof Customer;
  kept: unknown;
  dropped: unknown;
}

export interface MergeResult {
  merged: Customer;
  conflicts: MergeConflict[];
}

// Every field but id, createdAt, updatedAt, notes, tags and prospect, which have rules of their own. The check below
// fails to compile when Customer gains a field this list does not name, so no field is dropped unseen.
const mergedFields = [
  'externalId', 'name', 'phone', 'cardNo', 'level', 'gender', 'birthday', 'heightCm', 'waistCm', 'size', 'address',
  'region', 'favouriteColour', 'favouriteStyle', 'favouriteLook', 'type', 'channel', 'customerClass', 'ownerId',
] as const satisfies readonly (keyof Customer)[];
type Unlisted = Exclude<keyof Customer, (typeof mergedFields)[number] | 'id' | 'createdAt' | 'updatedAt' | 'notes' | 'tags' | 'prospect' | 'birthdayLunar' | 'birthdayLeap'>;
const _everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** '王芳' and ' 王芳 ' are one value: a stray blank is not a conflict worth asking about. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/** ISO instants; Date.parse copes with differing offsets, text order is the fallback for odd values. */
function earlier(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return tb < ta ? b : a;
  return b < a ? b : a;
}

export function mergeCustomers(keep: Customer, other: Customer, now: string): MergeResult {
  const merged: Customer = { ...keep, createdAt: earlier(keep.createdAt, other.createdAt), updatedAt: now };
  const conflicts: MergeConflict[] = [];
  const target = merged as unknown as Record<string, unknown>;
  for (const field of mergedFields) {
    const kept = keep[field];
    const dropped = other[field];
    if (!isFilled(dropped)) continue;
    if (!isFilled(kept)) target[field] = dropped;
    else if (!same(kept, dropped)) conflicts.push({ field, kept, dropped });
  }
  // The lunar marks belong to the birthday they describe: they come with it, never alone.
  if (!isFilled(keep.birthday) && isFilled(other.birthday)) {
    delete merged.birthdayLunar;
    delete merged.birthdayLeap;
    if (other.birthdayLunar) merged.birthdayLunar = true;
    if (other.birthdayLeap) merged.birthdayLeap = true;
  } else if (isFilled(keep.birthday) && same(keep.birthday, other.birthday) && (keep.birthdayLunar !== other.birthdayLunar || keep.birthdayLeap !== other.birthdayLeap)) {
    const mark = (c: Customer) => `${c.birthday}${c.birthdayLunar ? (c.birthdayLeap ? ' 农历闰月' : ' 农历') : ''}`;
    conflicts.push({ field: 'birthday', kept: mark(keep), dropped: mark(other) });
  }
  // Notes are free text: both are worth keeping, so they are joined rather than one dropped.
  if (isFilled(other.notes)) {
    if (!isFilled(keep.notes)) merged.notes = other.notes;
    else if (!same(keep.notes, other.notes)) merged.notes = `${keep.notes}\n${other.notes}`;
  }
  // Tags add up: the one person carries every tag either record had.
  if (other.tags?.length) merged.tags = [...new Set([...(keep.tags ?? []), ...other.tags])];
  // A prospect record (even an empty one) marks the person as a prospect: either side's mark is kept,
  // and what they intend to buy is merged detail by detail, keep's detail winning.
  if (other.prospect !== undefined) {
    if (keep.prospect === undefined) merged.prospect = { ...other.prospect };
    else {
      const { prospect, conflict } = mergeProspects(keep.prospect, other.prospect);
      merged.prospect = prospect;
      if (conflict) conflicts.push({ field: 'prospect', kept: keep.prospect, dropped: other.prospect });
    }
  }
  return { merged, conflicts };
}

const prospectFields = ['model', 'colour', 'options', 'expectedDate'] as const satisfies readonly (keyof Prospect)[];
const _everyProspectFieldListed: [Exclude<keyof Prospect, (typeof prospectFields)[number]>] extends [never] ? true : never = true;

function mergeProspects(keep: Prospect, other: Prospect): { prospect: Prospect; conflict: boolean } {
  const prospect: Prospect = { ...keep };
  let conflict = false;
  for (const field of prospectFields) {
    const dropped = other[field];
    if (!isFilled(dropped)) continue;
    if (!isFilled(keep[field])) prospect[field] = dropped;
    else if (!same(keep[field], dropped)) conflict = true;
  }
  return { prospect, conflict };
}
