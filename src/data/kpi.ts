/** The KPI board's stored settings (targets, front page, sales groups); the board itself is the analysis worker's `board` (data/kpi-board). */
import { kpiSettingProblem } from '../lib/funnel/rows';
import { MAX_FRONT, settingsWithDefaults, type KpiSetting } from '../lib/kpi/definitions';
import { err, ok, type Result } from '../lib/result';
import type { KeqingDb } from './db';

export { getKpiSettings, getSalesGroups, type Board } from './kpi-board';

export type KpiSaveError = { code: 'kpi.tooMany'; max: number } | { code: 'kpi.badField'; field: string };

/** Saves one KPI's setting; refuses a ninth KPI on the front page (the course: at most 6–8). */
export async function saveKpiSetting(db: KeqingDb, setting: KpiSetting): Promise<Result<KpiSetting, KpiSaveError>> {
  const field = kpiSettingProblem(setting as unknown as Record<string, unknown>);
  if (field) return err({ code: 'kpi.badField', field });
  return db.transaction('rw', db.kpiSettings, async () => {
    const all = settingsWithDefaults(await db.kpiSettings.toArray());
    const front = all.filter((s) => s.front && s.id !== setting.id).length + (setting.front ? 1 : 0);
    if (front > MAX_FRONT) return err({ code: 'kpi.tooMany' as const, max: MAX_FRONT });
    await db.kpiSettings.put(setting);
    return ok(setting);
  });
}

/** Changes some fields of one KPI's setting, over what is stored now (two quick edits must not undo each other). */
export async function updateKpiSetting(db: KeqingDb, id: KpiSetting['id'], change: Partial<Omit<KpiSetting, 'id'>>): Promise<Result<KpiSetting, KpiSaveError>> {
  return db.transaction('rw', db.kpiSettings, async () => {
    const current = settingsWithDefaults(await db.kpiSettings.toArray()).find((s) => s.id === id)!;
    return saveKpiSetting(db, { ...current, ...change, id });
  });
}

export const saveSalesGroups = (db: KeqingDb, groups: string[]) =>
  db.settings.put({ key: 'salesGroups', value: [...new Set(groups.map((g) => g.trim()).filter(Boolean))] });
