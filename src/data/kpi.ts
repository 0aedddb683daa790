/** The KPI board's stored settings (targets, front page, sales groups) and the board itself. */
import { dayFromLocalDate } from '../lib/dates';
import { monthOfDay, type MonthIndex } from '../lib/funnel/months';
import { boardPeriods, buildBoard, customerGroups, newFilesByGroup, type BoardRow, type CustomerFile } from '../lib/kpi/board';
import { kpiSettingProblem } from '../lib/funnel/rows';
import { MAX_FRONT, settingsWithDefaults, type KpiSetting } from '../lib/kpi/definitions';
import type { PurchaseKpiRequest, PurchaseKpis } from '../lib/kpi/purchases';
import { err, ok, type Result } from '../lib/result';
import { analysis, answerOf } from '../workers/analysis-client';
import type { KeqingDb } from './db';
import { readFunnel } from './funnel';
import { purchaseTotals } from './purchases';
import { getTierParams } from './settings';
import { getTimeSetup } from './timeuse';

export const getKpiSettings = async (db: KeqingDb) => settingsWithDefaults(await db.kpiSettings.toArray());

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

/** The sales groups that share the new-files quota (seed 004); none saved = the store is one group. */
export async function getSalesGroups(db: KeqingDb): Promise<string[]> {
  const row = await db.settings.get('salesGroups');
  return Array.isArray(row?.value) ? (row.value as unknown[]).filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}
export const saveSalesGroups = (db: KeqingDb, groups: string[]) =>
  db.settings.put({ key: 'salesGroups', value: [...new Set(groups.map((g) => g.trim()).filter(Boolean))] });

export interface Board {
  month: MonthIndex;
  rows: BoardRow[];
  purchases: PurchaseKpis;
  groups: string[];
  /** New files this month per group against its quota (seed 004). */
  filesByGroup: ReturnType<typeof newFilesByGroup>;
}

/**
 * Everything the board shows, as of `today`: the board's month is that of the last purchase (a
 * store whose data stops earlier still sees its last month), else today's.
 */
export async function loadBoard(
  db: KeqingDb,
  today = dayFromLocalDate(new Date()),
  // The purchase figures' engine: the analysis worker; the consistency test (tests/data/metrics-demo) runs lib/kpi in place.
  kpis: (request: PurchaseKpiRequest) => Promise<PurchaseKpis> = (request) => answerOf(analysis.call('kpis', request)),
): Promise<Board> {
  const [settings, groups, funnel, totals, customers, setup, tierParams] = await Promise.all([
    getKpiSettings(db),
    getSalesGroups(db),
    readFunnel(db),
    purchaseTotals(db),
    db.customers.toArray().then((list) => list.map((c): CustomerFile => ({ id: c.id, createdAt: c.createdAt, phone: c.phone, ownerId: c.ownerId }))),
    getTimeSetup(db),
    getTierParams(db),
  ]);
  const repGroups = Object.fromEntries(setup.reps.flatMap((r) => (r.group ? [[r.id, r.group]] : [])));
  const month = monthOfDay(totals.lastDay ?? today);
  const { months, quarters, years } = boardPeriods(month);
  const purchases = await kpis({ months, quarters, years, groupOf: customerGroups(funnel.opportunities, customers, repGroups), churnDays: tierParams.churnAfterDays });
  const rows = buildBoard({ month, today, customers, opportunities: funnel.opportunities, events: funnel.events, purchases, groups, settings });
  return { month, rows, purchases, groups, filesByGroup: newFilesByGroup(customers, funnel.opportunities, groups, month, repGroups) };
}
