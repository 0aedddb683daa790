import { putTierStates } from '../../src/data/tiers';
import { describe, expect, it } from 'vitest';
import { addStoreOccasion, markCareDone, readCareDone, readCareRules, saveCareRules, unmarkCareDone } from '../../src/data/care';
import { complaintsOpen, readComplaints, saveComplaint } from '../../src/data/complaints';
import { validateTables } from '../../src/lib/backup/validate';
import { defaultCareRules } from '../../src/lib/care/rules';
import { dayFromIso } from '../../src/lib/dates';
import { backupTables, freshDb, customers as customerTable, readCareBase } from './helpers';

const d = (iso: string) => dayFromIso(iso)!;

describe('care storage', () => {
  it('keeps rules, occasions and done marks, and backs them up', async () => {
    const db = freshDb();
    expect(await readCareRules(db)).toEqual(defaultCareRules);
    expect(await saveCareRules(db, { ...defaultCareRules, cardDaysBefore: 5 })).toEqual({ ok: true, value: undefined });
    expect((await readCareRules(db)).cardDaysBefore).toBe(5);
    expect(await saveCareRules(db, { ...defaultCareRules, smsEveryDays: 0 })).toEqual({ ok: false, error: { code: 'care.ruleInvalid', field: 'smsEveryDays' } });

    expect(await addStoreOccasion(db, '店庆', '09-28')).toMatchObject({ ok: true });
    expect(await addStoreOccasion(db, '店庆', '13-01')).toEqual({ ok: false, error: { code: 'care.occasionDate' } });

    await markCareDone(db, '2026-11-27|card|1|birthday-2026', d('2026-11-27'), '李店长', new Date('2026-11-27T07:00:00Z'));
    const done = await readCareDone(db, d('2026-11-23'), d('2026-11-29'));
    expect(done.get('2026-11-27|card|1|birthday-2026')).toMatchObject({ by: '李店长', at: '2026-11-27T07:00:00.000Z' });
    expect((await readCareDone(db, d('2026-11-30'), d('2026-12-06'))).size).toBe(0);

    await customerTable(db).bulkAdd([
      { id: 1, name: '王芳', cardNo: 'VIP1', birthday: '1980-12-01', createdAt: 'x', updatedAt: 'x' },
      { id: 2, name: '李雷', externalId: 'C2', createdAt: 'x', updatedAt: 'x' },
      { id: 3, name: '韩梅', createdAt: 'x', updatedAt: 'x' },
    ]);
    await putTierStates(db, [{ id: 1, tier: 'A', churned: false }, { id: 2, tier: 'B', churned: true }]);
    const base = await readCareBase(db);
    expect(base.people.map((p) => p.number)).toEqual(['VIP1', 'C2', '3']);
    // The task CSV's key columns read the shop's own keys from here.
    expect(base.people.map((p) => [p.externalId, p.cardNo])).toEqual([[undefined, 'VIP1'], ['C2', undefined], [undefined, undefined]]);
    expect([1, 2, 3].map(base.tierOf)).toEqual(['A', null, 'none']);
    expect(base.tiered).toBe(true);

    const tables = await backupTables(db);
    expect(validateTables(tables).ok).toBe(true);
    const broken = { ...tables, careDone: [{ key: 'k', day: 'x', by: 'a', at: 'b' }] };
    expect(validateTables(broken)).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'careDone', row: 1, problem: 'badField', field: 'day' } });

    await unmarkCareDone(db, '2026-11-27|card|1|birthday-2026');
    expect((await readCareDone(db, d('2026-11-23'), d('2026-11-29'))).size).toBe(0);
  });
});

describe('complaint storage', () => {
  it('adds, advances and summarises complaints; restore checks them', async () => {
    const db = freshDb();
    const draft = { customerId: 1, customerName: '王芳', date: '2026-11-02', type: 'quality' as const, description: '开线', steps: {}, responsibility: 'undetermined' as const };
    const r = await saveComplaint(db, null, draft, new Date('2026-11-02T03:00:00Z'));
    expect(r.ok).toBe(true);
    const id = (r as { value: number }).value;
    expect(await complaintsOpen(db, d('2026-11-23'))).toEqual({ open: 1, oldestDays: 21 });
    const steps = { received: { date: '2026-11-02', owner: '李' }, facts: { date: '2026-11-03', owner: '李' }, remedy: { date: '2026-11-04', owner: '李' }, settled: { date: '2026-11-05', owner: '李' }, recorded: { date: '2026-11-05', owner: '李' } };
    expect(await saveComplaint(db, id, { ...draft, steps, responsibility: 'manufacturer' }, new Date('2026-11-05T03:00:00Z'))).toEqual({ ok: true, value: id });
    const [saved] = await readComplaints(db);
    expect(saved).toMatchObject({ id, createdAt: '2026-11-02T03:00:00.000Z', updatedAt: '2026-11-05T03:00:00.000Z', responsibility: 'manufacturer' });
    expect(await complaintsOpen(db, d('2026-11-23'))).toEqual({ open: 0, oldestDays: null });
    expect(await saveComplaint(db, id, { ...draft, steps: { facts: { date: '2026-11-03', owner: '李' } } })).toEqual({ ok: false, error: { code: 'complaints.stepOutOfOrder', step: 'facts' } });

    const bad = { complaints: [{ ...saved, type: 'weather' }] };
    expect(validateTables(bad)).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'complaints', row: 1, problem: 'badField', field: 'type' } });
    const outOfOrder = { complaints: [{ ...saved, steps: { settled: steps.settled } }] };
    expect(validateTables(outOfOrder)).toMatchObject({ ok: false, error: { field: 'steps.settled' } });
  });
});
