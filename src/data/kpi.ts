/** The KPI board's stored settings (targets, front page, sales groups); the board itself is the analysis worker's `board` (data/kpi-board). */
import { kpiSettingProblem } from '../lib/funnel/rows';
import { MAX_FRONT, settingsWithDefaults, type KpiSetting } from '../lib/kpi/definitions';
import { err, ok, type Result } from '../lib/result';
import Dexie, { type PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';

export { getKpiSettings, getSalesGroups, type Board } from './kpi-board';

export type KpiSaveError = { code: 'kpi.tooMany'; max: number } | { code: 'kpi.badField'; field: string };

// saveKpiSetting and updateKpiSetting return Dexie promises, not async functions' native ones:
// updateKpiSettings awaits them one after another inside its transaction, and each native tick
// between them is a chance for the next one to start outside it.

/** Saves one KPI's setting; refuses a ninth KPI on the front page (the course: at most 6–8). */
export function saveKpiSetting(db: KeqingDb, setting: KpiSetting): PromiseExtended<Result<KpiSetting, KpiSaveError>> {
  const field = kpiSettingProblem(setting as unknown as Record<string, unknown>);
  if (field) return Dexie.Promise.resolve(err({ code: 'kpi.badField' as const, field }));
  return db.transaction('rw', db.kpiSettings, async () => {
    const all = settingsWithDefaults(await db.kpiSettings.toArray());
    const front = all.filter((s) => s.front && s.id !== setting.id).length + (setting.front ? 1 : 0);
    if (front > MAX_FRONT) return err({ code: 'kpi.tooMany' as const, max: MAX_FRONT });
    await db.kpiSettings.put(setting);
    return ok(setting);
  });
}

/** Changes some fields of one KPI's setting, over what is stored now (two quick edits must not undo each other). */
export function updateKpiSetting(db: KeqingDb, id: KpiSetting['id'], change: Partial<Omit<KpiSetting, 'id'>>): PromiseExtended<Result<KpiSetting, KpiSaveError>> {
  return db.transaction('rw', db.kpiSettings, () =>
    db.kpiSettings.toArray().then((stored) => {
      const current = settingsWithDefaults(stored).find((s) => s.id === id)!;
      return saveKpiSetting(db, { ...current, ...change, id });
    }),
  );
}

/** Thrown inside the transaction to undo the changes already put; never leaves this module. */
class Refused extends Error {
  constructor(readonly refusal: KpiSaveError & { id: KpiSetting['id'] }) {
    super(refusal.code);
  }
}

/**
 * Changes several KPIs' settings at once (the board's edit mode): all of them or, when one is
 * refused, none (the error names it). Taking KPIs off the Overview goes first, so moving a KPI
 * onto a full Overview in exchange for another is allowed.
 */
export async function updateKpiSettings(
  db: KeqingDb,
  changes: readonly { id: KpiSetting['id']; change: Partial<Omit<KpiSetting, 'id'>> }[],
): Promise<Result<KpiSetting[], KpiSaveError & { id: KpiSetting['id'] }>> {
  const ordered = [...changes].sort((a, b) => Number(a.change.front !== false) - Number(b.change.front !== false));
  try {
    const saved = await db.transaction('rw', db.kpiSettings, async () => {
      const out: KpiSetting[] = [];
      for (const { id, change } of ordered) {
        const r = await updateKpiSetting(db, id, change);
        if (!r.ok) throw new Refused({ ...r.error, id });
        out.push(r.value);
      }
      return out;
    });
    return ok(saved);
  } catch (e) {
    if (e instanceof Refused) return err(e.refusal);
    throw e;
  }
}

export const saveSalesGroups = (db: KeqingDb, groups: string[]) =>
  db.settings.put({ key: 'salesGroups', value: [...new Set(groups.map((g) => g.trim()).filter(Boolean))] });
