/**
 * Suspected duplicate people in the customer file (domain.md §2: de-duplication, one unified view
 * per customer). Records are bucketed by a key per rule, never compared pairwise, so 100,000
 * customers take a fraction of a second; records linked by any rule form one group (union-find).
 */
import { normalisePhone } from '../import/values/phone';
import { cleanCell, toHalfWidth } from '../import/values/text';
import type { Customer } from './customer';
import { birthdayText } from '../care/lunar-text';
import { INVISIBLE_CHARS } from '../import/values/text';

export const duplicateReasons = ['samePhone', 'sameCard', 'sameExternalId', 'similarNameSameBirthday'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];

export interface DuplicateGroup {
  /** Customer ids, ascending. */
  ids: number[];
  /** Every rule that linked two members of the group, each once, sorted. */
  reasons: DuplicateReason[];
}

// Whitespace (\s holds U+3000 and NBSP), zero-width and text-direction characters (as the import
// removes them), and the separators written between the parts of a transliterated name: · U+00B7
// and its look-alikes ‧ ・ ･ • ∙ ⋅, and '.' typed for want of one.
const NAME_NOISE = new RegExp(`[\\s${INVISIBLE_CHARS}\\u00B7\\u2027\\u30FB\\uFF65\\u2022\\u2219\\u22C5.]`, 'g');

/** '王 芳' and '王芳', '阿卜杜拉·买买提' and '阿卜杜拉买买提', full-width 'ＬＩ Ｎａ' and 'li na' give one key. */
export function normaliseName(name: string): string {
  return toHalfWidth(name).replace(NAME_NOISE, '').toLowerCase();
}

// A mobile or a landline with area code, digits only: what normalisePhone returns for itself, so the
// stored (already normalised) phones skip the full reading, the larger part of the time on 100,000 records.
const NORMALISED_PHONE = /^(?:1[3-9]\d{9}|0(?:10|2\d|[3-9]\d\d)\d{7,8})$/;

/** Stored phones are normalised already; this also catches records entered or edited by hand. */
function phoneKey(phone: string | undefined): string | null {
  if (phone === undefined) return null;
  if (NORMALISED_PHONE.test(phone)) return phone;
  const r = normalisePhone(phone);
  if (r.ok) return r.value;
  // A damaged number ('1.38001E+10') lost its digits: two of them equal say nothing about the person.
  if (r.error.code !== 'phone.invalid') return null;
  const text = toHalfWidth(cleanCell(phone)).replace(/\s+/g, '');
  return text === '' ? null : text;
}

function cardKey(cardNo: string | undefined): string | null {
  const text = cardNo === undefined ? '' : toHalfWidth(cleanCell(cardNo)).toUpperCase();
  return text === '' ? null : text;
}

function externalIdKey(externalId: string | undefined): string | null {
  const text = externalId === undefined ? '' : toHalfWidth(cleanCell(externalId));
  return text === '' ? null : text;
}

function nameBirthdayKey(name: string, birthday: string | undefined): string | null {
  const n = normaliseName(name);
  const b = birthday === undefined ? '' : cleanCell(birthday);
  // Both parts are needed: a shared name alone is common (王芳), a shared birthday too.
  return n === '' || b === '' ? null : `${n}\u0000${b}`;
}

export function findDuplicates(customers: readonly Customer[]): DuplicateGroup[] {
  const n = customers.length;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      const p = parent[x]!;
      parent[x] = parent[p]!; // path halving
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: number, b: number) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] = size[ra]! + size[rb]!;
  };

  // Each link is remembered with its rule; the group it ends up in is known only after all unions.
  const links: [index: number, reason: DuplicateReason][] = [];
  const rules: [DuplicateReason, (c: Customer) => string | null][] = [
    ['samePhone', (c) => phoneKey(c.phone)],
    ['sameCard', (c) => cardKey(c.cardNo)],
    ['sameExternalId', (c) => externalIdKey(c.externalId)],
    // A 农历 birthday is another date than the solar one written the same: the mark is part of the key.
    ['similarNameSameBirthday', (c) => nameBirthdayKey(c.name, birthdayText(c))],
  ];
  for (const [reason, keyOf] of rules) {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = keyOf(customers[i]!);
      if (key === null) continue;
      const j = first.get(key);
      if (j === undefined) {
        first.set(key, i);
      } else {
        union(j, i);
        links.push([j, reason]);
      }
    }
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (size[find(i)]! < 2) continue;
    const root = find(i);
    let list = members.get(root);
    if (list === undefined) members.set(root, (list = []));
    list.push(customers[i]!.id);
  }
  const reasons = new Map<number, Set<DuplicateReason>>();
  for (const [i, reason] of links) {
    const root = find(i);
    let set = reasons.get(root);
    if (set === undefined) reasons.set(root, (set = new Set()));
    set.add(reason);
  }

  const groups: DuplicateGroup[] = [];
  for (const [root, list] of members) {
    const ids = [...new Set(list)].sort((a, b) => a - b);
    if (ids.length < 2) continue; // the same record listed twice is not a duplicate person
    groups.push({ ids, reasons: [...(reasons.get(root) ?? [])].sort() });
  }
  return groups.sort((a, b) => a.ids[0]! - b.ids[0]!);
}
