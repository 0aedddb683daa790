import { describe, expect, it } from 'vitest';
import { addCustomer, updateCustomer } from '../../src/data/customers';
import { handOver, ownerCounts, readHandovers, setOwner } from '../../src/data/owners';
import { saveTimeSetup, getTimeSetup } from '../../src/data/timeuse';
import { countByOwner, planHandover } from '../../src/lib/owners/handover';
import { freshDb, customers as customerTable } from './helpers';

describe('owners and handovers', () => {
  it('moves every customer of a rep to a colleague in one step, with a log', async () => {
    const db = freshDb();
    const setup = await getTimeSetup(db);
    await saveTimeSetup(db, { ...setup, reps: [{ id: 'r1', name: '小李', role: 'rep' }, { id: 'r2', name: '小王', role: 'rep' }] });
    const a = await addCustomer(db, { name: '王芳' });
    const b = await addCustomer(db, { name: '张伟' });
    const c = await addCustomer(db, { name: '李娜' });
    await setOwner(db, a, 'r1');
    await setOwner(db, b, 'r1');
    await setOwner(db, c, 'r2');
    // Saving the customer form keeps the owner.
    await updateCustomer(db, a, { name: '王芳芳' });
    expect((await customerTable(db).get(a))?.ownerId).toBe('r1');

    const r = await handOver(db, 'r1', 'r2', { by: '李店长', note: '离职', now: new Date('2026-11-23T02:00:00Z') });
    expect(r.ok && r.value).toMatchObject({ fromRepId: 'r1', toRepId: 'r2', fromName: '小李', toName: '小王', customerIds: [a, b], by: '李店长', note: '离职' });
    expect(await ownerCounts(db, ['r1', 'r2'])).toEqual({ r1: 0, r2: 3 });
    expect((await readHandovers(db)).map((h) => h.customerIds.length)).toEqual([2]);
    expect(await handOver(db, 'r1', 'r2', { by: '李店长' })).toEqual({ ok: false, error: { code: 'owners.nothingToMove' } });
    await setOwner(db, c, null);
    expect((await customerTable(db).get(c))?.ownerId).toBeUndefined();
  });

  it('checks a handover before anything moves', () => {
    const reps = [{ id: 'r1', name: '小李' }, { id: 'r2', name: '小王' }];
    expect(planHandover(reps, 'r1', 'r1', [1], 'x', 1, 'at')).toEqual({ ok: false, error: { code: 'owners.sameRep' } });
    expect(planHandover(reps, 'r1', 'r9', [1], 'x', 1, 'at')).toEqual({ ok: false, error: { code: 'owners.unknownRep', id: 'r9' } });
    expect(planHandover(reps, 'r1', 'r2', [1], ' ', 1, 'at')).toEqual({ ok: false, error: { code: 'owners.whoRequired' } });
    expect(countByOwner([{ ownerId: 'r1' }, {}, { ownerId: 'r1' }])).toEqual(new Map([['r1', 2], ['', 1]]));
  });
});
