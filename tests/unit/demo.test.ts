import { describe, expect, it } from 'vitest';
import { dayFromYmd, ymdFromDay } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { LineFlag, summariseColumns } from '../../src/lib/purchases/columns';

const endDay = dayFromYmd(2026, 11, 23);
const store = generateDemoStore({ ...demoDefaults, endDay });
const p = store.purchases;

describe('demo store', () => {
  it('is the same store for the same seed and end date', () => {
    const again = generateDemoStore({ ...demoDefaults, endDay });
    expect(again.customers).toEqual(store.customers);
    expect(Array.from(again.purchases.amount)).toEqual(Array.from(p.amount));
    expect(again.purchases.orderDict).toEqual(p.orderDict);
    const other = generateDemoStore({ ...demoDefaults, seed: 1, endDay });
    expect(other.customers.map((c) => c.name)).not.toEqual(store.customers.map((c) => c.name));
  });

  it('has about 2,000 customers and 25,000 purchase lines over three years ending on the end day', () => {
    expect(store.customers.length).toBeGreaterThanOrEqual(2_000);
    expect(store.customers.length).toBeLessThan(2_100);
    expect(p.length).toBeGreaterThan(20_000);
    expect(p.length).toBeLessThan(30_000);
    const s = summariseColumns(p);
    expect(s.lastDay).toBeLessThanOrEqual(endDay);
    expect(s.lastDay).toBeGreaterThan(endDay - 30);
    expect(s.firstDay).toBeGreaterThanOrEqual(endDay - 1_096);
    expect(s.firstDay).toBeLessThan(endDay - 1_000);
  });

  it('links every line to a filed customer or to none, and every filed customer bought', () => {
    const ids = new Set(store.customers.map((c) => c.id));
    expect(ids.size).toBe(store.customers.length);
    const buyers = new Set<number>();
    for (const id of p.customerId) {
      if (id !== 0) expect(ids.has(id)).toBe(true);
      buyers.add(id);
    }
    for (const c of store.customers) expect(buyers.has(c.id)).toBe(true);
  });

  it('writes Chinese names, valid mobile numbers and real birthdays', () => {
    for (const c of store.customers) {
      expect(c.name.trim()).toMatch(/^[\u4e00-\u9fff]+( [\u4e00-\u9fff]+)?$/);
      if (c.phone) expect(c.phone).toMatch(/^1[3-9]\d{9}$/);
      if (c.birthday) expect(c.birthday).toMatch(/^(19[5-9]\d|200\d)-\d{2}-\d{2}$/);
      expect(c.level === undefined).toBe(c.cardNo === undefined); // a card always has its level
      if (c.level) expect(['金钻卡', '金卡', '普通卡']).toContain(c.level);
    }
  });

  it('plants the data-quality problems later screens must find', () => {
    const noPhone = store.customers.filter((c) => !c.phone).length;
    expect(noPhone).toBe(store.planted.customersWithoutPhone);
    expect(noPhone / store.customers.length).toBeGreaterThan(0.04);
    expect(noPhone / store.customers.length).toBeLessThan(0.15);
    // Duplicate people: two records with the same phone and birthday.
    const byPhone = new Map<string, number>();
    for (const c of store.customers) if (c.phone) byPhone.set(`${c.phone}|${c.birthday}`, (byPhone.get(`${c.phone}|${c.birthday}`) ?? 0) + 1);
    expect([...byPhone.values()].filter((n) => n > 1).length).toBe(store.planted.duplicatePairs);
    expect(store.planted.duplicatePairs).toBeGreaterThanOrEqual(20);
    // Purchases without a customer file.
    const walkIn = p.customerId.filter((id) => id === 0).length / p.length;
    expect(walkIn).toBeGreaterThan(0.02);
    expect(walkIn).toBeLessThan(0.08);
  });

  it('has repeat buyers, lapsed buyers, returns and seasonal peaks', () => {
    const orders = new Map<number, Set<number>>();
    const last = new Map<number, number>();
    for (let i = 0; i < p.length; i++) {
      const id = p.customerId[i]!;
      if (id === 0) continue;
      (orders.get(id) ?? orders.set(id, new Set()).get(id)!).add(p.orderNo[i]!);
      last.set(id, Math.max(last.get(id) ?? 0, p.day[i]!));
    }
    const repeat = [...orders.values()].filter((o) => o.size >= 2).length / orders.size;
    expect(repeat).toBeGreaterThan(0.4);
    const lapsed = [...last.values()].filter((d) => endDay - d > 365).length / last.size;
    expect(lapsed).toBeGreaterThan(0.1);
    const returns = Array.from(p.flags).filter((f) => f & LineFlag.returned).length;
    expect(returns).toBeGreaterThan(0);
    for (let i = 0; i < p.length; i++) {
      expect(Number.isInteger(p.amount[i])).toBe(true);
      if (p.flags[i]! & LineFlag.returned) expect(p.amount[i]).toBeLessThan(0);
    }
    const byMonth = new Array<number>(12).fill(0);
    for (let i = 0; i < p.length; i++) byMonth[ymdFromDay(p.day[i]!).month - 1]! += 1;
    // November (Double 11) outsells the summer months.
    expect(byMonth[10]!).toBeGreaterThan(byMonth[6]! * 1.5);
  });
});
