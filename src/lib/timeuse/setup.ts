/**
 * The store's time-use setup: its reps and activity categories (domain.md §4). Entries name a
 * category by id, so renaming one changes only its label; re-marking it (selling ↔ transactional)
 * takes effect from a day on, so entries recorded before keep the kind they were recorded under;
 * a retired category takes no new entries but its old ones still count.
 */
import { err, ok, type Result } from '../result';

export type ActivityKind = 'selling' | 'transactional';
export interface Names {
  zh: string;
  en: string;
}

export interface Category {
  id: string;
  name: Names;
  /** The kind over time, oldest first: the first entry has since = null (always). */
  kinds: { since: number | null; kind: ActivityKind }[];
  /** Day from which no new entries may use it (old entries keep counting). */
  retiredOn?: number;
}

export const repRoles = ['manager', 'assistant', 'rep', 'admin'] as const;
export type RepRole = (typeof repRoles)[number];

export interface Rep {
  id: string;
  name: string;
  role: RepRole;
  retired?: boolean;
  /** The sales group the rep works in (seed 004: new-file quotas are per group). */
  group?: string;
}

export interface Suggestion {
  id: string;
  text: string;
  /** The transactional category it relieves, if any. */
  categoryId?: string;
  owner?: string;
  status: 'idea' | 'doing' | 'done';
}

export interface TimeSetup {
  reps: Rep[];
  categories: Category[];
  /** The store's own target for the selling / customer-facing share (0–1). */
  targetSellingShare: number;
  suggestions: Suggestion[];
}

/**
 * The course's measured split (seed 000, domain.md §4): invoicing and delivery 30 %, selling and
 * market development 25 %, other administrative work 25 %, reports 10 %, visiting and serving
 * customers 10 %. Selling + visiting (35 %) earn revenue; the other 65 % is transactional
 * ("about 60 %" in the course).
 */
export const courseSplit: Readonly<Record<string, number>> = { invoicing: 0.3, selling: 0.25, admin: 0.25, reports: 0.1, visiting: 0.1 };

export const defaultCategories: readonly Category[] = [
  { id: 'invoicing', name: { zh: '协调开票交付', en: 'Coordinating invoicing and delivery' }, kinds: [{ since: null, kind: 'transactional' }] },
  { id: 'selling', name: { zh: '销售活动/市场开拓', en: 'Selling and market development' }, kinds: [{ since: null, kind: 'selling' }] },
  { id: 'admin', name: { zh: '其它事务性工作', en: 'Other administrative work' }, kinds: [{ since: null, kind: 'transactional' }] },
  { id: 'reports', name: { zh: '报表填写', en: 'Filling in reports' }, kinds: [{ since: null, kind: 'transactional' }] },
  { id: 'visiting', name: { zh: '走访、服务客户', en: 'Visiting and serving customers' }, kinds: [{ since: null, kind: 'selling' }] },
];

/** Editable starting points (issue 7); the store changes, adds or removes them. */
export const defaultSuggestions = (zh: boolean): Suggestion[] => [
  { id: 's1', categoryId: 'invoicing', status: 'idea', text: zh ? '把开票和交付协调交给行政/收银岗位' : 'Move invoicing and delivery coordination to an admin or cashier role' },
  { id: 's2', categoryId: 'reports', status: 'idea', text: zh ? '报表集中在每天固定时段一次填写，合并重复报表' : 'Batch report writing into one fixed slot a day; merge duplicate reports' },
  { id: 's3', categoryId: 'admin', status: 'idea', text: zh ? '事务性杂务排班轮值，客流高峰时段不安排' : 'Rota routine chores, never in peak customer hours' },
  { id: 's4', categoryId: 'selling', status: 'idea', text: zh ? '每周行动计划表里预留固定的潜在客户跟进时间' : 'Reserve fixed prospect follow-up time in the weekly action plan' },
];

export const defaultSetup = (zh = true): TimeSetup => ({
  reps: [],
  categories: defaultCategories.map((c) => ({ ...c, name: { ...c.name }, kinds: c.kinds.map((k) => ({ ...k })) })),
  targetSellingShare: 0.5,
  suggestions: defaultSuggestions(zh),
});

/** The kind a category had on `day` (entries keep the kind they were recorded under). */
export function kindOn(category: Category, day: number): ActivityKind {
  let kind = category.kinds[0]?.kind ?? 'transactional';
  for (const k of category.kinds) if (k.since === null || k.since <= day) kind = k.kind;
  return kind;
}

export const currentKind = (category: Category): ActivityKind => category.kinds[category.kinds.length - 1]?.kind ?? 'transactional';
export const isActive = (category: Category, day: number) => category.retiredOn === undefined || day < category.retiredOn;
export const categoryName = (category: Category, locale: 'zh' | 'en') => category.name[locale] || category.name.zh || category.name.en || category.id;

export type SetupError = { code: 'timeuse.nameEmpty' } | { code: 'timeuse.nameTaken'; name: string } | { code: 'timeuse.unknownId'; id: string };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function nextId(prefix: string, taken: readonly { id: string }[]): string {
  let n = taken.length + 1;
  while (taken.some((t) => t.id === `${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function addCategory(categories: readonly Category[], name: Names, kind: ActivityKind): Result<Category[], SetupError> {
  if (!name.zh.trim() && !name.en.trim()) return err({ code: 'timeuse.nameEmpty' });
  const clash = categories.find((c) => (name.zh && sameName(c.name.zh, name.zh)) || (name.en && sameName(c.name.en, name.en)));
  if (clash) return err({ code: 'timeuse.nameTaken', name: name.zh || name.en });
  return ok([...categories, { id: nextId('c', categories), name: { zh: name.zh.trim(), en: name.en.trim() }, kinds: [{ since: null, kind }] }]);
}

export function renameCategory(categories: readonly Category[], id: string, name: Names): Result<Category[], SetupError> {
  if (!categories.some((c) => c.id === id)) return err({ code: 'timeuse.unknownId', id });
  if (!name.zh.trim() && !name.en.trim()) return err({ code: 'timeuse.nameEmpty' });
  const clash = categories.find((c) => c.id !== id && ((name.zh && sameName(c.name.zh, name.zh)) || (name.en && sameName(c.name.en, name.en))));
  if (clash) return err({ code: 'timeuse.nameTaken', name: name.zh || name.en });
  return ok(categories.map((c) => (c.id === id ? { ...c, name: { zh: name.zh.trim(), en: name.en.trim() } } : c)));
}

/** From `day` on the category counts as `kind`; before it, as it was. */
export function remarkCategory(categories: readonly Category[], id: string, kind: ActivityKind, day: number): Result<Category[], SetupError> {
  if (!categories.some((c) => c.id === id)) return err({ code: 'timeuse.unknownId', id });
  return ok(
    categories.map((c) => {
      if (c.id !== id || currentKind(c) === kind) return c;
      // A second change on the same day replaces the first.
      const kinds = c.kinds.filter((k) => k.since === null || k.since < day);
      return { ...c, kinds: kinds.length ? [...kinds, { since: day, kind }] : [{ since: null, kind }] };
    }),
  );
}

export function retireCategory(categories: readonly Category[], id: string, day: number | null): Result<Category[], SetupError> {
  if (!categories.some((c) => c.id === id)) return err({ code: 'timeuse.unknownId', id });
  return ok(
    categories.map((c) => {
      if (c.id !== id) return c;
      const { retiredOn: _, ...rest } = c;
      return day === null ? rest : { ...rest, retiredOn: day };
    }),
  );
}

export function addRep(reps: readonly Rep[], name: string, role: RepRole): Result<Rep[], SetupError> {
  if (!name.trim()) return err({ code: 'timeuse.nameEmpty' });
  if (reps.some((r) => sameName(r.name, name))) return err({ code: 'timeuse.nameTaken', name: name.trim() });
  return ok([...reps, { id: nextId('r', reps), name: name.trim(), role }]);
}

export function updateRep(reps: readonly Rep[], id: string, change: Partial<Omit<Rep, 'id'>>): Result<Rep[], SetupError> {
  if (!reps.some((r) => r.id === id)) return err({ code: 'timeuse.unknownId', id });
  if (change.name !== undefined) {
    if (!change.name.trim()) return err({ code: 'timeuse.nameEmpty' });
    if (reps.some((r) => r.id !== id && sameName(r.name, change.name!))) return err({ code: 'timeuse.nameTaken', name: change.name.trim() });
  }
  return ok(
    reps.map((r) => {
      if (r.id !== id) return r;
      const next: Rep = { ...r, ...change, ...(change.name !== undefined ? { name: change.name.trim() } : {}) };
      // No group is no field at all (a blank group would count as a group of its own).
      if (change.group !== undefined) {
        const group = change.group.trim();
        if (group) next.group = group;
        else delete next.group;
      }
      return next;
    }),
  );
}

/** A category named by id, or by its Chinese or English name (any case): how imports and sheets find one. */
export function findCategory(categories: readonly Category[], text: string): Category | undefined {
  const t = text.trim();
  return categories.find((c) => c.id === t) ?? categories.find((c) => sameName(c.name.zh, t) || sameName(c.name.en, t));
}

export const findRep = (reps: readonly Rep[], text: string): Rep | undefined => reps.find((r) => r.id === text.trim()) ?? reps.find((r) => sameName(r.name, text));
