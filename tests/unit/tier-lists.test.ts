/** The tiers screen's lists packed for the page (lib/tiers/screen): what goes in comes out, row by row. */
import { describe, expect, it } from 'vitest';
import { churnedOnDays, customersMatching, indices, logRowAt, packChurned, packLog, packPeople, personAt, tierLogRules, type LogRow, type PackedPeople } from '../../src/lib/tiers';

const everyone = (p: PackedPeople) => Array.from(p.ids, (_, i) => personAt(p, i));

describe('tier lists packed', () => {
  it('a log row comes back as stored, for every rule, tier and hand', () => {
    const rows: LogRow[] = tierLogRules.map((rule, i) => ({ id: 100 + i, customerId: 7 - (i % 3), from: i % 4 === 0 ? null : (['A', 'B', 'C'] as const)[i % 3]!, to: (['C', 'A', 'B'] as const)[i % 3]!, rule, day: 20_000 + i, by: i % 2 ? 'hand' : 'rule', ...(i === 7 ? { reason: '店长指定' } : {}) }));
    const packed = packLog(rows, (id) => ({ name: `n${id}` }));
    expect(rows.map((_, i) => logRowAt(packed, i))).toEqual(rows);
    // Each customer named once.
    expect(Array.from(packed.people.ids)).toEqual([7, 6, 5]);
    expect(everyone(packed.people).map((p) => p.name)).toEqual(['n7', 'n6', 'n5']);
    expect(Array.from(packed.person)).toEqual(rows.map((r) => [7, 6, 5].indexOf(r.customerId)));
  });

  it('the churned list: churned states only, by customer no., with the day of the latest churn entry (-1 when none)', () => {
    const on = churnedOnDays([
      { customerId: 9, from: 'A', to: 'A', rule: 'churn12m', day: 5, by: 'rule' },
      { customerId: 9, from: 'A', to: 'A', rule: 'restore', day: 6, by: 'hand' },
      { customerId: 9, from: 'A', to: 'A', rule: 'churn12m', day: 8, by: 'rule' },
    ]);
    const packed = packChurned(
      [
        { id: 9, tier: 'A', churned: true },
        { id: 3, tier: 'B', churned: false },
        { id: 4, tier: 'C', churned: true },
      ],
      on,
      (id) => (id === 9 ? { name: '王芳', phone: '13800001111' } : undefined),
    );
    expect(Array.from(packed.people.ids)).toEqual([4, 9]);
    expect(packed.tiers).toBe('CA');
    expect(Array.from(packed.on)).toEqual([-1, 8]);
    expect(everyone(packed.people).map((p) => p.phone)).toEqual([undefined, '13800001111']);
  });

  it('names, shop ids and phones cross as one string with where each starts, and come back as they were', () => {
    const people = new Map([
      [1, { name: '王芳', externalId: 'M1', phone: '13800001111' }],
      [2, { name: '', externalId: '', phone: '' }],
      [3, { name: 'Li Na' }],
    ]);
    const packed = packPeople([1, 2, 3, 4], (id) => people.get(id));
    expect(packed.text).toBe('王芳M113800001111Li Na');
    expect(everyone(packed)).toEqual([
      { name: '王芳', externalId: 'M1', phone: '13800001111' },
      { name: '', externalId: undefined, phone: undefined },
      { name: 'Li Na', externalId: undefined, phone: undefined },
      { name: '', externalId: undefined, phone: undefined },
    ]);
    expect(everyone(packPeople([1], (id) => people.get(id), { phones: false }))).toEqual([{ name: '王芳', externalId: 'M1', phone: undefined }]);
    expect(everyone(packPeople([], () => undefined))).toEqual([]);
    expect(indices(3)).toEqual([0, 1, 2]);
  });

  it('the customer box: a customer no. on file, else digits of a phone, else part of a name', () => {
    const people = [
      { id: 12, name: 'Wang Fang', phone: '13800001212' },
      { id: 5, name: '李娜', phone: '13900000012' },
    ];
    expect(customersMatching(people, '  ')).toBeNull();
    expect(customersMatching(people, '12')).toEqual(new Set([12]));
    expect(customersMatching(people, '9000')).toEqual(new Set([5]));
    expect(customersMatching(people, 'FANG')).toEqual(new Set([12]));
    expect(customersMatching(people, '李')).toEqual(new Set([5]));
  });
});
