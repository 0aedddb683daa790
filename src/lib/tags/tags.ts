/**
 * Tags the way Chinese member tools organise them: 标签组 → 标签 (风格: 休闲 / 商务; 来源: 门店 /
 * 转介绍). Customers carry tag ids; a tag is either given by hand or by an auto rule (auto.ts).
 */
import { err, ok, type Result } from '../result';

export interface Tag {
  id: string;
  name: string;
}

export interface TagGroup {
  id: string;
  name: string;
  tags: Tag[];
}

export type TagError =
  | { code: 'tags.nameEmpty' }
  | { code: 'tags.nameTooLong'; max: number }
  | { code: 'tags.duplicateName'; name: string };

export const TAG_NAME_MAX = 20;

function checkName(name: string): Result<string, TagError> {
  const trimmed = name.trim();
  if (trimmed === '') return err({ code: 'tags.nameEmpty' });
  if ([...trimmed].length > TAG_NAME_MAX) return err({ code: 'tags.nameTooLong', max: TAG_NAME_MAX });
  return ok(trimmed);
}

/** A new id that is not among `taken` (short, stable, readable in a backup). */
export function newId(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function addGroup(groups: readonly TagGroup[], name: string): Result<TagGroup[], TagError> {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  if (groups.some((g) => g.name === checked.value)) return err({ code: 'tags.duplicateName', name: checked.value });
  return ok([...groups, { id: newId('g', groups.map((g) => g.id)), name: checked.value, tags: [] }]);
}

export function addTag(groups: readonly TagGroup[], groupId: string, name: string): Result<TagGroup[], TagError> {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  const all = groups.flatMap((g) => g.tags);
  const group = groups.find((g) => g.id === groupId);
  if (!group) return ok([...groups]);
  // Names are unique within a group: 休闲 under 风格 and under 场合 are different tags.
  if (group.tags.some((t) => t.name === checked.value)) return err({ code: 'tags.duplicateName', name: checked.value });
  const tag = { id: newId('t', all.map((t) => t.id)), name: checked.value };
  return ok(groups.map((g) => (g.id === groupId ? { ...g, tags: [...g.tags, tag] } : g)));
}

export function renameTag(groups: readonly TagGroup[], tagId: string, name: string): Result<TagGroup[], TagError> {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  const group = groups.find((g) => g.tags.some((t) => t.id === tagId));
  if (group?.tags.some((t) => t.id !== tagId && t.name === checked.value)) return err({ code: 'tags.duplicateName', name: checked.value });
  return ok(groups.map((g) => ({ ...g, tags: g.tags.map((t) => (t.id === tagId ? { ...t, name: checked.value } : t)) })));
}

/** Removing a tag removes it from the list; customers' ids for it are ignored from then on. */
export const removeTag = (groups: readonly TagGroup[], tagId: string): TagGroup[] => groups.map((g) => ({ ...g, tags: g.tags.filter((t) => t.id !== tagId) }));
export const removeGroup = (groups: readonly TagGroup[], groupId: string): TagGroup[] => groups.filter((g) => g.id !== groupId);

/** '风格: 休闲' for lists and exports. */
export function tagLabel(groups: readonly TagGroup[], tagId: string): string | null {
  for (const g of groups) for (const t of g.tags) if (t.id === tagId) return `${g.name}: ${t.name}`;
  return null;
}

/** Adds (or removes) one tag on many customers: the changed customers only, for one bulk write. */
export function retag<C extends { id: number; tags?: string[] }>(customers: readonly C[], tagId: string, on: boolean): C[] {
  const changed: C[] = [];
  for (const c of customers) {
    const has = c.tags?.includes(tagId) ?? false;
    if (has === on) continue;
    changed.push({ ...c, tags: on ? [...(c.tags ?? []), tagId] : (c.tags ?? []).filter((t) => t !== tagId) });
  }
  return changed;
}

/** Each customer's tags: those given by hand plus the last evaluation's auto tags. */
export function tagsByCustomer(customers: readonly { id: number; tags?: string[] }[], autoMembers: Readonly<Record<string, readonly number[]>>): Map<number, Set<string>> {
  const map = new Map<number, Set<string>>();
  for (const c of customers) if (c.tags?.length) map.set(c.id, new Set(c.tags));
  for (const [tag, ids] of Object.entries(autoMembers)) {
    for (const id of ids) {
      let set = map.get(id);
      if (!set) map.set(id, (set = new Set()));
      set.add(tag);
    }
  }
  return map;
}
