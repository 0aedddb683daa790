import { describe, expect, it } from 'vitest';
import { addCustomer } from '../../src/data/customers';
import { importProspects, readFunnel, saveOpportunity } from '../../src/data/funnel';
import type { ImportedProspect } from '../../src/lib/funnel/import';
import type { CustomerFields } from '../../src/lib/customers/validate';
import { freshDb } from './helpers';

const NOV3 = 20_760;
const NOV5 = 20_762;
const at = '2026-11-01T02:00:00.000Z';

describe('prospect import', () => {
  it('updates a prospect matched by phone, adds new ones, links customer files, and never adds a stage change twice', async () => {
    const db = freshDb();
    await saveOpportunity(db, { id: 'o1', name: '陈先生', phone: '13800138000', source: 'referral', createdAt: at, updatedAt: at }, { stage: 'greet', day: NOV3 });
    const customerId = await addCustomer(db, { name: '王女士', phone: '13900139000' } as CustomerFields);
    const file: ImportedProspect[] = [
      { name: '陈先生', phone: '13800138000', model: 'X1', events: [{ stage: 'greet', day: NOV3 }, { stage: 'trial', day: NOV5 }], line: 2 },
      { name: '王女士', phone: '13900139000', source: 'repeat', events: [{ stage: 'needs', day: NOV5 }], line: 4 },
      { name: '赵女士', events: [], line: 5 },
    ];
    const r = await importProspects(db, file, new Date('2026-11-23T00:00:00Z'));
    expect(r).toEqual({ ok: true, value: { added: 2, updated: 1, unchanged: 0, eventsAdded: 2, eventsSkipped: 1, linked: 1 } });
    const rows = await readFunnel(db);
    const byName = new Map(rows.opportunities.map((o) => [o.name, o]));
    expect(byName.get('陈先生')).toMatchObject({ id: 'o1', source: 'referral', model: 'X1', createdAt: at });
    expect(byName.get('王女士')).toMatchObject({ source: 'repeat', customerId });
    expect(byName.get('赵女士')).toMatchObject({ source: 'new' });
    expect(rows.events.filter((e) => e.opportunityId === 'o1').map((e) => [e.stage, e.day])).toEqual([['greet', NOV3], ['trial', NOV5]]);

    // The same file again: nothing new.
    const again = await importProspects(db, file.slice(0, 2), new Date('2026-11-24T00:00:00Z'));
    expect(again).toEqual({ ok: true, value: { added: 0, updated: 0, unchanged: 2, eventsAdded: 0, eventsSkipped: 3, linked: 0 } });
    expect((await readFunnel(db)).events).toHaveLength(3);
  });

  it('links a prospect registered by hand to the customer file with its phone', async () => {
    const db = freshDb();
    const customerId = await addCustomer(db, { name: '王女士', phone: '13900139000' } as CustomerFields);
    await saveOpportunity(db, { id: 'o1', name: '王女士', phone: '13900139000', source: 'repeat', createdAt: at, updatedAt: at });
    await saveOpportunity(db, { id: 'o2', name: '赵女士', phone: '13700137000', source: 'new', createdAt: at, updatedAt: at });
    const rows = await readFunnel(db);
    expect(rows.opportunities.find((o) => o.id === 'o1')?.customerId).toBe(customerId);
    expect(rows.opportunities.find((o) => o.id === 'o2')?.customerId).toBeUndefined();
  });

  it('matches a row with only a name to the one stored prospect of that name without a phone', async () => {
    const db = freshDb();
    await saveOpportunity(db, { id: 'z1', name: '赵女士', source: 'referral', createdAt: at, updatedAt: at }, { stage: 'greet', day: NOV3 });
    const r = await importProspects(db, [{ name: ' 赵女士 ', model: 'X1', events: [{ stage: 'greet', day: NOV3 }, { stage: 'needs', day: NOV5 }], line: 2 }]);
    expect(r).toEqual({ ok: true, value: { added: 0, updated: 1, unchanged: 0, eventsAdded: 1, eventsSkipped: 1, linked: 0 } });
    const rows = await readFunnel(db);
    expect(rows.opportunities).toHaveLength(1);
    expect(rows.opportunities[0]).toMatchObject({ id: 'z1', source: 'referral', model: 'X1' });
    expect(rows.events.map((e) => [e.opportunityId, e.stage])).toEqual([['z1', 'greet'], ['z1', 'needs']]);

    // A file with a name only, imported twice (names in any case): added once, then found.
    const file = [{ name: 'Amy Li', events: [{ stage: 'greet' as const, day: NOV5 }], line: 2 }];
    expect(await importProspects(db, file)).toMatchObject({ ok: true, value: { added: 1, updated: 0 } });
    expect(await importProspects(db, file)).toMatchObject({ ok: true, value: { added: 0, unchanged: 1, updated: 0, eventsAdded: 0, eventsSkipped: 1 } });
    expect(await importProspects(db, [{ ...file[0]!, name: 'amy li' }])).toMatchObject({ ok: true, value: { added: 0, unchanged: 0, updated: 1, eventsSkipped: 1 } });
    expect((await readFunnel(db)).opportunities.filter((o) => o.name.toLowerCase() === 'amy li')).toHaveLength(1);
  });

  it('adds a name-only row when two stored prospects have that name and no phone, and leaves rows with a phone to the phone', async () => {
    const db = freshDb();
    await saveOpportunity(db, { id: 'a', name: '陈先生', source: 'new', createdAt: at, updatedAt: at });
    await saveOpportunity(db, { id: 'b', name: '陈先生', source: 'new', createdAt: at, updatedAt: at });
    await saveOpportunity(db, { id: 'w', name: '王女士', source: 'new', createdAt: at, updatedAt: at });
    const r = await importProspects(db, [
      { name: '陈先生', events: [], line: 2 },
      // A phone not on file: a new prospect, even though a phoneless 王女士 is stored.
      { name: '王女士', phone: '13900139000', events: [], line: 3 },
    ]);
    expect(r).toEqual({ ok: true, value: { added: 2, updated: 0, unchanged: 0, eventsAdded: 0, eventsSkipped: 0, linked: 0 } });
    const rows = await readFunnel(db);
    expect(rows.opportunities.filter((o) => o.name === '陈先生')).toHaveLength(3);
    expect(rows.opportunities.find((o) => o.id === 'w')?.phone).toBeUndefined();
    expect(rows.opportunities.filter((o) => o.name === '王女士')).toHaveLength(2);
  });

  it('writes nothing when one prospect is invalid', async () => {
    const db = freshDb();
    const r = await importProspects(db, [
      { name: '陈先生', events: [{ stage: 'greet', day: NOV3 }], line: 2 },
      { name: '王女士', expectedMonth: '2026-13', events: [], line: 3 },
    ]);
    expect(r).toEqual({ ok: false, error: { code: 'funnel.badField', field: 'expectedMonth' } });
    const rows = await readFunnel(db);
    expect(rows.opportunities).toEqual([]);
    expect(rows.events).toEqual([]);
  });
});
