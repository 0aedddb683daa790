import { describe, expect, it } from 'vitest';
import { addStageEvent, deleteOpportunity, readFunnel, saveMonthNote, saveOpportunity } from '../../src/data/funnel';
import { getKpiSettings, saveKpiSetting, updateKpiSetting, updateKpiSettings } from '../../src/data/kpi';
import type { Opportunity } from '../../src/lib/funnel/records';
import { freshDb } from './helpers';

const prospect = (id: string): Opportunity => ({ id, name: '陈先生', source: 'referral', model: 'X1', expectedMonth: '2026-12', createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z' });

describe('funnel storage', () => {
  it('stores a prospect with its first stage, more stages, and deletes them together', async () => {
    const db = freshDb();
    expect((await saveOpportunity(db, prospect('o1'), { stage: 'greet', day: 20_412 })).ok).toBe(true);
    expect((await addStageEvent(db, 'o1', 'trial', 20_415)).ok).toBe(true);
    await saveOpportunity(db, prospect('o2'));
    let rows = await readFunnel(db);
    expect(rows.opportunities.map((o) => o.id).sort()).toEqual(['o1', 'o2']);
    expect(rows.events.map((e) => [e.opportunityId, e.stage, e.day])).toEqual([
      ['o1', 'greet', 20_412],
      ['o1', 'trial', 20_415],
    ]);
    await deleteOpportunity(db, 'o1');
    rows = await readFunnel(db);
    expect(rows.opportunities.map((o) => o.id)).toEqual(['o2']);
    expect(rows.events).toEqual([]);
  });

  it('refuses a bad row instead of storing it', async () => {
    const db = freshDb();
    expect(await saveOpportunity(db, { ...prospect('o1'), expectedMonth: '12/2026' })).toEqual({ ok: false, error: { code: 'funnel.badField', field: 'expectedMonth' } });
    expect(await db.opportunities.count()).toBe(0);
  });

  it('keeps a note per month; an empty note removes it', async () => {
    const db = freshDb();
    await saveMonthNote(db, '2026-11', '本地广告投入减少');
    expect((await readFunnel(db)).notes.map((n) => [n.month, n.text])).toEqual([['2026-11', '本地广告投入减少']]);
    await saveMonthNote(db, '2026-11', '  ');
    expect((await readFunnel(db)).notes).toEqual([]);
  });
});

describe('KPI settings', () => {
  it('starts from the defaults and merges quick edits', async () => {
    const db = freshDb();
    expect((await getKpiSettings(db)).find((s) => s.id === 'registrationRate')).toEqual({ id: 'registrationRate', target: 1, alert: 0.85, front: true });
    await updateKpiSetting(db, 'registrationRate', { alert: 0.9 });
    await updateKpiSetting(db, 'registrationRate', { target: 0.95 });
    expect((await getKpiSettings(db)).find((s) => s.id === 'registrationRate')).toEqual({ id: 'registrationRate', target: 0.95, alert: 0.9, front: true });
  });

  it('allows at most eight KPIs on the front page', async () => {
    const db = freshDb();
    // Six by default; two more make eight, a ninth is refused.
    for (const id of ['fileGrowth', 'visitCompletion'] as const) expect((await updateKpiSetting(db, id, { front: true })).ok).toBe(true);
    expect(await updateKpiSetting(db, 'delayNoticeRate', { front: true })).toEqual({ ok: false, error: { code: 'kpi.tooMany', max: 8 } });
    expect((await getKpiSettings(db)).filter((s) => s.front)).toHaveLength(8);
    expect((await saveKpiSetting(db, { id: 'churnRate', target: Number.NaN, alert: null, front: true })).ok).toBe(false);
  });

  it('saves the edit mode\'s changes all at once, or none of them', async () => {
    const db = freshDb();
    const registration = async () => (await getKpiSettings(db)).find((s) => s.id === 'registrationRate');
    // Two KPIs and one swap on the Overview (six by default + fileGrowth − registrationRate = six).
    const saved = await updateKpiSettings(db, [
      { id: 'fileGrowth', change: { front: true, target: 0.05 } },
      { id: 'registrationRate', change: { target: 0.9, alert: 0.8, front: false } },
    ]);
    expect(saved.ok).toBe(true);
    expect(await registration()).toEqual({ id: 'registrationRate', target: 0.9, alert: 0.8, front: false });
    expect((await getKpiSettings(db)).find((s) => s.id === 'fileGrowth')).toMatchObject({ target: 0.05, front: true });

    // Three more on the Overview make nine: refused, and the first change of the same save is undone.
    const before = await getKpiSettings(db);
    const refused = await updateKpiSettings(db, [
      { id: 'registrationRate', change: { target: 0.5 } },
      { id: 'visitCompletion', change: { front: true } },
      { id: 'delayNoticeRate', change: { front: true } },
      { id: 'averageOrderValue', change: { front: true } },
    ]);
    expect(refused).toEqual({ ok: false, error: { code: 'kpi.tooMany', max: 8, id: 'averageOrderValue' } });
    expect(await getKpiSettings(db)).toEqual(before);

    // A bad value anywhere: nothing stored either.
    expect(await updateKpiSettings(db, [{ id: 'registrationRate', change: { target: 0.7 } }, { id: 'churnRate', change: { alert: Number.NaN } }])).toEqual({ ok: false, error: { code: 'kpi.badField', field: 'alert', id: 'churnRate' } });
    expect(await getKpiSettings(db)).toEqual(before);
  });
});
