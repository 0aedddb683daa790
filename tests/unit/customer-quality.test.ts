import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/lib/customers/customer';
import { findDuplicates, normaliseName } from '../../src/lib/customers/duplicates';
import { mergeCustomers } from '../../src/lib/customers/merge';
import { completeness, fileQuality, qualityFields, REGISTRATION_ALERT, REGISTRATION_TARGET, registrationRate, registrationStatus } from '../../src/lib/customers/quality';
import { LineFlag, packLines, splitColumns, type PurchaseLine } from '../../src/lib/purchases/columns';

const T0 = '2024-01-01T00:00:00.000Z';
const customer = (id: number, fields: Partial<Customer> = {}): Customer => ({ id, name: `客户${id}`, createdAt: T0, updatedAt: T0, ...fields });

describe('completeness of the key fields', () => {
  it('counts non-blank values per field', () => {
    const list = [
      customer(1, { phone: '13800138000', birthday: '1990-05-01', address: '杭州', cardNo: 'VIP1', gender: 'F', size: 'M', favouriteColour: '红' }),
      customer(2, { phone: '   ', birthday: '1985-01-01', gender: 'M' }), // a blank phone is missing
      customer(3),
    ];
    const byField = Object.fromEntries(completeness(list).map((r) => [r.field, [r.filled, r.total]]));
    expect(byField).toEqual({
      phone: [1, 3],
      birthday: [2, 3],
      address: [1, 3],
      cardNo: [1, 3],
      gender: [2, 3],
      size: [1, 3],
      favouriteColour: [1, 3],
      favouriteStyle: [0, 3],
      favouriteLook: [0, 3],
    });
    expect(completeness(list).find((r) => r.field === 'birthday')?.share).toBeCloseTo(2 / 3);
  });

  it('gives share 0 for an empty list, in field order', () => {
    expect(completeness([])).toEqual(qualityFields.map((field) => ({ field, filled: 0, total: 0, share: 0 })));
  });
});

describe('registration rate', () => {
  const first = packLines([
    { day: 1, customerId: 1, amount: 100, quantity: 1, orderNo: 'S1' },
    { day: 1, customerId: 1, amount: 100, quantity: 1, orderNo: 'S1' }, // same buyer again
    { day: 1, customerId: 2, amount: 100, quantity: 1, orderNo: 'S2' },
    { day: 2, customerId: 0, amount: 100, quantity: 1, orderNo: 'S3', customerRef: 'VIP9' },
    { day: 2, customerId: 0, amount: 100, quantity: 1, orderNo: 'S4' }, // walk-in, order S4
    { day: 2, customerId: 0, amount: 100, quantity: 1, orderNo: 'S4' }, // same walk-in order
    { day: 3, customerId: 3, amount: 100, quantity: 1, orderNo: 'S9', flags: LineFlag.excluded },
    { day: 3, customerId: 0, amount: 100, quantity: 1, orderNo: 'S8', customerRef: 'X1', flags: LineFlag.excluded },
  ]);
  const second = packLines([
    { day: 4, customerId: 0, amount: 100, quantity: 1, orderNo: 'T1', customerRef: 'P5' },
    { day: 4, customerId: 0, amount: 100, quantity: 1, orderNo: 'T2', customerRef: 'VIP9' }, // VIP9 again
    { day: 4, customerId: 0, amount: 100, quantity: 1, orderNo: 'S4' }, // walk-in order S4 again
    { day: 5, customerId: 0, amount: 100, quantity: 1 }, // walk-in, no order no.: a buyer
    { day: 5, customerId: 0, amount: 100, quantity: 1 }, // and another
    { day: 5, customerId: 2, amount: 100, quantity: 1, orderNo: 'T3' },
    { day: 6, customerId: 0, amount: 100, quantity: 1, orderNo: 'T4' }, // walk-in, order T4
  ]);

  it('counts buyers across chunks by text, not dictionary index', () => {
    expect(first.customerRefDict.indexOf('VIP9')).toBe(0);
    expect(second.customerRefDict.indexOf('VIP9')).toBe(1); // the dictionaries differ
    // With a file: customers 1, 2 (3 is excluded) = 2.
    // Without: refs VIP9, P5 (X1 excluded) = 2; walk-in orders S4, T4 = 2; walk-ins without order no. = 2 → 6.
    // Rate 2 / 8 = 0.25. Lines without a file: 3 + 6 = 9; their orders S3 S4 T1 T2 T4 + 2 unnumbered = 7.
    expect(registrationRate([first, second])).toEqual({
      buyersWithFile: 2,
      buyersWithoutFile: 6,
      allBuyers: 8,
      rate: 0.25,
      linesWithoutFile: 9,
      ordersWithoutFile: 7,
    });
  });

  it('is 1 when every buyer has a file', () => {
    expect(registrationRate([packLines([{ day: 1, customerId: 7, amount: 1, quantity: 1 }])]).rate).toBe(1);
  });

  it('is null when there are no buyers', () => {
    const none = { buyersWithFile: 0, buyersWithoutFile: 0, allBuyers: 0, rate: null, linesWithoutFile: 0, ordersWithoutFile: 0 };
    expect(registrationRate([])).toEqual(none);
    expect(registrationRate([packLines([{ day: 1, customerId: 0, amount: 1, quantity: 1, flags: LineFlag.excluded }])])).toEqual(none);
  });

  it.each([
    [1, 'ok'], // the target, 100 %
    [0.9, 'warn'],
    [0.85, 'warn'], // "never below 85 %": exactly 85 % is not yet an alert
    [0.8499, 'alert'],
    [0, 'alert'],
    [null, 'none'],
  ] as const)('status of %s is %s', (rate, status) => {
    expect(registrationStatus(rate)).toBe(status);
  });

  it('takes its thresholds from domain.md §2', () => {
    expect([REGISTRATION_TARGET, REGISTRATION_ALERT]).toEqual([1, 0.85]);
  });
});

describe('registration rate over some lines of each chunk', () => {
  it('counts the picked lines as it counts those lines on their own (texts compared across chunks)', () => {
    let seed = 3;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648) * n);
    const all: PurchaseLine[] = Array.from({ length: 2_000 }, () => ({
      day: 20_000,
      customerId: rnd(3) === 0 ? 0 : 1 + rnd(200),
      amount: 100,
      quantity: 1,
      ...(rnd(5) === 0 ? {} : { orderNo: `O${rnd(600)}` }),
      ...(rnd(4) === 0 ? { customerRef: `139${rnd(90)}` } : {}),
      ...(rnd(9) === 0 ? { flags: LineFlag.excluded } : {}),
    }));
    const chunks = splitColumns(packLines(all), 300);
    const picks = chunks.map((c) => Array.from({ length: c.length }, (_, i) => i).filter((i) => (i * 7 + c.length) % 3 !== 0));
    const pickedLines = chunks.flatMap((c, k) => picks[k]!.map((i) => all[chunks.slice(0, k).reduce((n, p) => n + p.length, 0) + i]!));
    expect(registrationRate(chunks, picks)).toEqual(registrationRate([packLines(pickedLines)]));
    expect(registrationRate(chunks, picks).allBuyers).toBeGreaterThan(100);
    expect(registrationRate(chunks)).toEqual(registrationRate([packLines(all)]));
  });
});

describe('suspected duplicates', () => {
  it('normalises names: blanks, middle dots, full width, case', () => {
    expect(normaliseName(' 王 芳 ')).toBe('王芳');
    expect(normaliseName('阿卜杜拉·买买提')).toBe('阿卜杜拉买买提');
    expect(normaliseName('ＬＩ　Ｎａ')).toBe('lina'); // full-width letters and U+3000
  });

  it('groups the same phone, however it was written', () => {
    const list = [
      customer(1, { phone: '13800138000' }),
      customer(2, { phone: '+86 138 0013 8000' }),
      customer(3, { phone: '13900139000' }),
      customer(4, { phone: '02012345678' }),
      customer(5, { phone: '(020) 1234-5678' }), // the same landline, written by hand
    ];
    expect(findDuplicates(list)).toEqual([
      { ids: [1, 2], reasons: ['samePhone'] },
      { ids: [4, 5], reasons: ['samePhone'] },
    ]);
  });

  it('groups the same card no. across case and full width', () => {
    const list = [customer(1, { cardNo: 'vip001' }), customer(2, { cardNo: ' ＶＩＰ００１ ' }), customer(3, { cardNo: 'VIP002' })];
    expect(findDuplicates(list)).toEqual([{ ids: [1, 2], reasons: ['sameCard'] }]);
  });

  it('groups the same external id', () => {
    expect(findDuplicates([customer(4, { externalId: 'C001' }), customer(5, { externalId: ' C001' })])).toEqual([{ ids: [4, 5], reasons: ['sameExternalId'] }]);
  });

  it('groups near-identical names only with the same birthday', () => {
    const list = [
      customer(1, { name: '王 芳', birthday: '1990-05-01' }),
      customer(2, { name: '王芳', birthday: '1990-05-01' }), // same person, typed with a space above
      customer(3, { name: '王芳', birthday: '1991-05-01' }), // another 王芳
      customer(4, { name: '王芳' }), // no birthday: a common name alone proves nothing
      customer(5, { name: '王芳', birthday: '1990-05-01', birthdayLunar: true }), // 农历五月初一: another day
      customer(6, { name: '王芳 ', birthday: '1990-05-01', birthdayLunar: true }),
    ];
    expect(findDuplicates(list)).toEqual([
      { ids: [1, 2], reasons: ['similarNameSameBirthday'] },
      { ids: [5, 6], reasons: ['similarNameSameBirthday'] },
    ]);
  });

  it('joins links transitively into one group', () => {
    const list = [
      customer(30, { cardNo: 'k7' }), // C: card matches B
      customer(10, { phone: '13800138000' }), // A: phone matches B
      customer(20, { phone: '13800138000', cardNo: 'K7' }), // B
      customer(5, { phone: '13700137000' }),
      customer(1, { phone: '13700137000' }),
    ];
    // Groups sorted by smallest id; ids ascending; reasons sorted.
    expect(findDuplicates(list)).toEqual([
      { ids: [1, 5], reasons: ['samePhone'] },
      { ids: [10, 20, 30], reasons: ['sameCard', 'samePhone'] },
    ]);
  });

  it('never matches on missing or blank phone and card', () => {
    const list = [customer(1, { name: '李娜' }), customer(2, { name: '李娜', phone: '', cardNo: ' ' }), customer(3, { name: '李娜', cardNo: '' })];
    expect(findDuplicates(list)).toEqual([]);
  });

  it('groups 100,000 customers correctly (its speed is for a bench, not a test)', { timeout: 300_000 }, () => {
    // Customer i (0-based) has phone …(i mod 90,000) and card VIP(i mod 95,000), names all distinct:
    // for i < 5,000, phones link i ~ i+90,000 and i+5,000 ~ i+95,000, cards link i ~ i+95,000,
    // so 5,000 groups of 4: {i, i+5,000, i+90,000, i+95,000}.
    const list = Array.from({ length: 100_000 }, (_, i) =>
      customer(i + 1, { phone: String(13_800_000_000 + (i % 90_000)), cardNo: `VIP${i % 95_000}`, birthday: '1990-01-01' }),
    );
    const groups = findDuplicates(list);
    expect(groups).toHaveLength(5_000);
    expect(groups[0]).toEqual({ ids: [1, 5_001, 90_001, 95_001], reasons: ['sameCard', 'samePhone'] });
  });
});

describe('merging two records', () => {
  const keep = customer(1, {
    name: '王芳',
    phone: '13800138000',
    cardNo: 'VIP1',
    gender: 'F',
    address: '',
    notes: '爱穿红色',
    createdAt: '2024-03-01T00:00:00.000Z',
  });
  const other = customer(2, {
    name: '王芳',
    phone: '13900139000', // differs: keep wins
    cardNo: ' VIP1 ', // same value with blanks: no conflict
    gender: 'M', // differs: keep wins
    birthday: '1990-05-01', // fills a gap
    address: '杭州市西湖区', // fills a blank
    size: 'M',
    notes: '要发票',
    createdAt: '2023-11-20T08:00:00.000Z', // earlier
  });
  const now = '2024-06-01T12:00:00.000Z';

  it('fills gaps, keeps its own values on conflicts and lists them', () => {
    const { merged, conflicts } = mergeCustomers(keep, other, now);
    expect(merged).toEqual({
      id: 1,
      name: '王芳',
      phone: '13800138000',
      cardNo: 'VIP1',
      gender: 'F',
      birthday: '1990-05-01',
      address: '杭州市西湖区',
      size: 'M',
      notes: '爱穿红色\n要发票', // keep's first, then other's
      createdAt: '2023-11-20T08:00:00.000Z', // the earlier of the two
      updatedAt: now,
    });
    expect(conflicts).toEqual([
      { field: 'phone', kept: '13800138000', dropped: '13900139000' },
      { field: 'gender', kept: 'F', dropped: 'M' },
    ]);
  });

  it('keeps the earlier createdAt when it is keep’s, and notes not doubled', () => {
    const { merged, conflicts } = mergeCustomers(other, keep, now);
    expect(merged.id).toBe(2);
    expect(merged.createdAt).toBe('2023-11-20T08:00:00.000Z');
    expect(merged.notes).toBe('要发票\n爱穿红色');
    expect(conflicts.map((c) => c.field)).toEqual(['phone', 'gender']);
    expect(mergeCustomers(keep, { ...other, notes: '爱穿红色' }, now).merged.notes).toBe('爱穿红色');
    expect(mergeCustomers({ ...keep, notes: undefined }, other, now).merged.notes).toBe('要发票');
  });

  it('keeps every tag either record had, once', () => {
    const a = customer(1, { name: '李娜', tags: ['t1', 't2'] });
    const b = customer(2, { name: '李娜', tags: ['t2', 't3'] });
    expect(mergeCustomers(a, b, now).merged.tags).toEqual(['t1', 't2', 't3']);
    expect(mergeCustomers(customer(1), b, now).merged.tags).toEqual(['t2', 't3']);
    expect(mergeCustomers(a, customer(2), now).merged.tags).toEqual(['t1', 't2']);
  });

  it('keeps a prospect mark from either side, merging its details', () => {
    const a = customer(1, { name: '李娜', prospect: { model: '风衣A', colour: '驼色' } });
    const b = customer(2, { name: '李娜', prospect: { model: '风衣B', expectedDate: '2024-09-01' } });
    const { merged, conflicts } = mergeCustomers(a, b, now);
    expect(merged.prospect).toEqual({ model: '风衣A', colour: '驼色', expectedDate: '2024-09-01' }); // keep's model wins
    expect(conflicts).toEqual([{ field: 'prospect', kept: a.prospect, dropped: b.prospect }]);
    expect(mergeCustomers(customer(1), customer(2, { prospect: {} }), now).merged.prospect).toEqual({}); // an empty mark still marks
    const same = { name: '李娜', createdAt: T0, updatedAt: T0 };
    expect(mergeCustomers({ id: 1, ...same, prospect: { model: 'X' } }, { id: 2, ...same, prospect: { model: ' X ' } }, now).conflicts).toEqual([]);
  });

  it('leaves its inputs unchanged', () => {
    const before = structuredClone([keep, other]);
    mergeCustomers(keep, other, now);
    expect([keep, other]).toEqual(before);
  });
});

describe('the data-quality screen in one answer', () => {
  it('gives the completeness, the keyless count and the duplicate groups with only their members', () => {
    const list = [
      customer(1, { name: '王芳', phone: '13800138000', birthday: '1990-05-01', cardNo: 'VIP1', address: '杭州' }),
      customer(2, { name: '李娜' }), // no key at all
      customer(3, { name: '王 芳', phone: '13800138000', birthday: '1990-05-01', birthdayLunar: true }), // same phone as 1
      customer(4, { name: '赵敏', cardNo: 'VIP4' }),
    ];
    const q = fileQuality(list);
    expect(q.fields).toEqual(completeness(list));
    expect(q.fields.find((f) => f.field === 'phone')).toEqual({ field: 'phone', filled: 2, total: 4, share: 0.5 });
    expect(q.keyless).toBe(1);
    expect(q.groups).toEqual([{ ids: [1, 3], reasons: ['samePhone'] }]);
    expect(q.members).toEqual([
      { id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP1', birthday: '1990-05-01' },
      { id: 3, name: '王 芳', phone: '13800138000', birthday: '1990-05-01', birthdayLunar: true },
    ]);
  });
});
