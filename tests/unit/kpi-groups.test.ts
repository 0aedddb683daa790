/** New files per group when the file's owner (归属导购) names the group (issue 9: files per group per month). */
import { describe, expect, it } from 'vitest';
import type { Opportunity } from '../../src/lib/funnel/records';
import { monthFromText } from '../../src/lib/funnel/months';
import { customerGroups, groupsNeedFile, newFilesByGroup, type CustomerFile } from '../../src/lib/kpi/board';
import { updateRep, type Rep } from '../../src/lib/timeuse/setup';

const M = (t: string) => monthFromText(t)!;
const opp = (id: string, extra: Partial<Opportunity>): Opportunity => ({ id, name: id, source: 'new', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', ...extra });
const file = (id: number, day: string, extra: Partial<CustomerFile> = {}): CustomerFile => ({ id, createdAt: `${day}T10:00:00Z`, ...extra });

describe('files counted by the owner’s group', () => {
  const repGroups = { r1: 'A组', r2: 'B组' };
  const customers = [
    file(1, '2026-07-03', { ownerId: 'r1' }),
    file(2, '2026-07-09', { ownerId: 'r2' }),
    file(3, '2026-07-20', { ownerId: 'r2', phone: '13900139000' }),
    file(4, '2026-07-21', { ownerId: 'r9' }), // a rep with no group
    file(5, '2026-07-22'),
    file(6, '2026-06-30', { ownerId: 'r1' }), // June: not this month
  ];

  it('uses the owner’s group when no prospect names one, and the prospect’s when one does', () => {
    // Customer 3 came from a prospect of A组 (same phone): the prospect wins over the owner's B组.
    const prospects = [opp('P', { phone: '139 0013 9000', group: 'A组' })];
    expect(customerGroups(prospects, customers, repGroups)).toEqual({ 1: 'A组', 2: 'B组', 3: 'A组', 6: 'A组' });
    expect(customerGroups([], customers)).toEqual({});
    // July quota is 20 (seed 004); files 4 and 5 have no group.
    expect(newFilesByGroup(customers, prospects, ['A组', 'B组'], M('2026-07'), repGroups)).toEqual([
      { group: 'A组', count: 2, quota: 20 },
      { group: 'B组', count: 1, quota: 20 },
      { group: '', count: 2, quota: null },
    ]);
  });

  it('needs the customer file only for a rep in a group or a grouped prospect known by phone alone; otherwise the same groups without it', () => {
    const byId = [opp('A', { customerId: 1, group: 'A组' }), opp('B', { customerId: 6, group: 'B组', phone: '13900139000' }), opp('N', { phone: '13900139000' })];
    expect(groupsNeedFile(byId, {})).toBe(false);
    expect(customerGroups(byId, [], {})).toEqual(customerGroups(byId, customers, {}));
    expect(customerGroups(byId, [], {})).toEqual({ 1: 'A组', 6: 'B组' });
    // A rep in a group: the owners name the groups.
    expect(groupsNeedFile(byId, repGroups)).toBe(true);
    expect(customerGroups(byId, [], repGroups)).not.toEqual(customerGroups(byId, customers, repGroups));
    // A grouped prospect with only a phone: the file finds the customer.
    const byPhone = [opp('P', { phone: '139 0013 9000', group: 'A组' })];
    expect(groupsNeedFile(byPhone, {})).toBe(true);
    expect(customerGroups(byPhone, customers, {})).toEqual({ 3: 'A组' });
    expect(customerGroups(byPhone, [], {})).toEqual({});
  });

  it('sets and clears a rep’s group (a blank group is no group)', () => {
    const reps: Rep[] = [{ id: 'r1', name: '小王', role: 'rep' }];
    const set = updateRep(reps, 'r1', { group: ' A组 ' });
    expect(set.ok && set.value[0]).toEqual({ id: 'r1', name: '小王', role: 'rep', group: 'A组' });
    const cleared = set.ok ? updateRep(set.value, 'r1', { group: '  ' }) : set;
    expect(cleared.ok && cleared.value[0]).toEqual({ id: 'r1', name: '小王', role: 'rep' });
  });
});
