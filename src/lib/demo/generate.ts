/**
 * The demo store: a realistic, deterministic apparel shop for trainers to show on a projector.
 * Same seed and end date → the same store, byte for byte. It deliberately carries the data-quality
 * problems real files have (domain.md §2): missing phones and birthdays, duplicate people, and
 * purchases by customers who have no file.
 */
import type { Customer, Product } from '../customers/customer';
import { dayFromYmd, isoFromDay, ymdFromDay } from '../dates';
import { LineFlag, packLines, type PurchaseColumns, type PurchaseLine } from '../purchases/columns';
import { createRandom, type Random } from '../random';
import type { StoreProfile } from '../store-profile';
import * as words from './vocabulary';

export interface DemoOptions {
  seed: number;
  /** The last day with trade (day number); the store's history runs about three years back. */
  endDay: number;
  customers: number;
}

export interface DemoStore {
  profile: StoreProfile;
  customers: Customer[];
  products: Product[];
  purchases: PurchaseColumns;
  /** What was planted, so tests and the UI can say what to look for. */
  planted: { duplicatePairs: number; customersWithoutPhone: number };
}

export const demoDefaults = { seed: 20_240_601, customers: 2_000 } as const;
const YEARS = 3;
/** Share of customers who stop buying at some point (the lapsed ones RFM should find). */
const LAPSE_SHARE = 0.35;
const DUPLICATE_SHARE = 0.015;
const WALK_IN_ORDER_SHARE = 0.04;
const RETURN_SHARE = 0.012;

export function generateDemoStore(options: DemoOptions): DemoStore {
  const rnd = createRandom(options.seed);
  const startDay = options.endDay - Math.round(YEARS * 365.25);
  const products = makeProducts();
  const people = Array.from({ length: options.customers }, (_, i) => makePerson(rnd, i + 1, startDay, options.endDay));
  const duplicates = plantDuplicates(rnd, people);
  const all = [...people, ...duplicates.map((d) => d.copy)];

  const lines: PurchaseLine[] = [];
  const orderSeq = new Map<number, number>();
  const nextOrderNo = (day: number) => {
    const seq = (orderSeq.get(day) ?? 0) + 1;
    orderSeq.set(day, seq);
    return `S${isoFromDay(day).replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
  };
  const addOrder = (day: number, customerId: number, customerRef: string | undefined) => {
    const orderNo = nextOrderNo(day);
    const count = rnd.weighted([1, 2, 3, 4], [50, 30, 14, 6]);
    for (let k = 0; k < count; k++) {
      const product = rnd.pick(products);
      const quantity = rnd.chance(0.08) ? 2 : 1;
      // Member and promotion prices: 70–100 % of list, to the yuan.
      const amount = Math.round((product.price / 100) * quantity * rnd.weighted([1, 0.9, 0.8, 0.7], [45, 25, 20, 10])) * 100;
      const line: PurchaseLine = { day, customerId, amount, quantity, orderNo, itemNo: product.code };
      if (customerId) line.points = Math.floor(amount / 100 / 100); // 1 point per ¥100
      if (customerRef) line.customerRef = customerRef;
      lines.push(line);
      if (customerId && rnd.chance(RETURN_SHARE)) {
        const back = Math.min(options.endDay, day + rnd.int(1, 14));
        lines.push({ ...line, day: back, amount: -amount, quantity: -quantity, flags: LineFlag.returned, orderNo: `R${orderNo.slice(1)}`, points: -(line.points ?? 0) });
      }
    }
  };

  for (const person of all) {
    for (const day of visitDays(rnd, person, options.endDay)) addOrder(day, person.customer.id, person.customer.cardNo ?? person.customer.phone);
  }
  // Walk-in trade by people with no file (散客), and buyers the clerk did not register.
  const registeredOrders = new Set(lines.map((l) => l.orderNo)).size;
  const walkIns = Math.round((registeredOrders * WALK_IN_ORDER_SHARE) / (1 - WALK_IN_ORDER_SHARE));
  for (let i = 0; i < walkIns; i++) addOrder(seasonalDay(rnd, startDay, options.endDay), 0, rnd.chance(0.3) ? mobile(rnd) : undefined);

  lines.sort((a, b) => a.day - b.day || (a.orderNo! < b.orderNo! ? -1 : a.orderNo! > b.orderNo! ? 1 : 0));
  const customers = all.map((p) => p.customer);
  return {
    profile: { name: '客情示范店', type: 'apparel', currency: 'CNY' },
    customers,
    products,
    purchases: packLines(lines),
    planted: { duplicatePairs: duplicates.length, customersWithoutPhone: customers.filter((c) => !c.phone).length },
  };
}

interface Person {
  customer: Customer;
  /** First and last day this person may buy on. */
  from: number;
  until: number;
  /** Expected orders a year while active. */
  rate: number;
}

function makeProducts(): Product[] {
  return words.catalogue.map(([name, category, yuan], i) => ({
    code: `A${String(1001 + i)}`,
    name,
    category,
    price: yuan * 100,
    cost: Math.round(yuan * 0.45) * 100,
  }));
}

function mobile(rnd: Random): string {
  return rnd.pick(words.mobilePrefixes) + String(rnd.int(0, 99_999_999)).padStart(8, '0');
}

/**
 * Mostly retail; a few group buyers, agents, franchise and chain shops, so ABC by class has
 * something to show. Picked by id, not from the random stream: every other figure stays the same.
 */
function demoClass(id: number): NonNullable<Customer['customerClass']> {
  if (id % 29 === 0) return 'wholesale';
  if (id % 37 === 0) return 'agent';
  if (id % 53 === 0) return 'franchise';
  if (id % 61 === 0) return 'chain';
  if (id % 71 === 0) return 'speciality';
  return 'retail';
}

function makePerson(rnd: Random, id: number, startDay: number, endDay: number): Person {
  const female = rnd.chance(0.72);
  const name = rnd.pick(words.surnames) + rnd.pick(female ? words.femaleGiven : words.maleGiven);
  // Earlier joiners are more common: the file grew fast in the first year.
  const from = startDay + Math.floor((endDay - startDay) * rnd.next() ** 1.4);
  const lapses = rnd.chance(LAPSE_SHARE);
  const until = lapses ? from + Math.floor((endDay - from) * rnd.next()) : endDay;
  // Mostly occasional buyers, a loyal few: a skewed rate, 0.9 to ~14 orders a year.
  const rate = 0.9 + 13 * rnd.next() ** 3;
  const joined = isoFromDay(from);
  const birthYear = ymdFromDay(endDay).year - rnd.int(19, 62);
  const height = female ? rnd.int(150, 174) : rnd.int(162, 188);
  const customer: Customer = {
    id,
    name,
    gender: female ? 'F' : 'M',
    createdAt: `${joined}T10:00:00.000Z`,
    updatedAt: `${joined}T10:00:00.000Z`,
    type: 'household',
    channel: rnd.weighted(['store', 'website', 'social'] as const, [70, 12, 18]),
    customerClass: demoClass(id),
  };
  if (!rnd.chance(0.08)) customer.phone = mobile(rnd);
  if (!rnd.chance(0.12)) {
    customer.cardNo = `VIP${String(100_000 + id)}`;
    // Card names of seed 004's tiers (domain.md §6); heavy buyers hold the better card.
    customer.level = rate > 6 ? '金钻卡' : rate > 2.5 ? '金卡' : '普通卡';
  }
  if (!rnd.chance(0.15)) customer.birthday = isoFromDay(dayFromYmd(birthYear, rnd.int(1, 12), rnd.int(1, 28)));
  if (!rnd.chance(0.3)) customer.address = `广州市${rnd.pick(words.districts)}${rnd.pick(words.streets)}${rnd.int(1, 399)}号`;
  if (!rnd.chance(0.2)) {
    customer.heightCm = height;
    customer.waistCm = female ? rnd.int(60, 80) : rnd.int(72, 96);
    customer.size = sizeFor(height, female);
  }
  if (!rnd.chance(0.25)) customer.favouriteColour = rnd.pick(words.colours);
  if (!rnd.chance(0.3)) customer.favouriteStyle = rnd.pick(words.itemStyles);
  if (!rnd.chance(0.35)) customer.favouriteLook = rnd.pick(words.looks);
  return { customer, from, until, rate };
}

function sizeFor(height: number, female: boolean): string {
  const steps = female ? [155, 160, 165, 170] : [168, 174, 180, 185];
  const labels = ['S', 'M', 'L', 'XL', 'XXL'];
  return labels[steps.filter((s) => height >= s).length]!;
}

/** Some people were filed twice: same phone and birthday, the name typed again (a clerk's habit). */
function plantDuplicates(rnd: Random, people: Person[]): { original: Person; copy: Person }[] {
  const count = Math.round(people.length * DUPLICATE_SHARE);
  const candidates = people.filter((p) => p.customer.phone && p.customer.birthday);
  const chosen = new Set<Person>();
  while (chosen.size < Math.min(count, candidates.length)) chosen.add(rnd.pick(candidates));
  let nextId = people.length + 1;
  return [...chosen].map((original) => {
    const c = original.customer;
    const variants = [c.name, `${c.name} `, `${c.name.slice(0, 1)} ${c.name.slice(1)}`];
    const copy: Customer = { ...c, id: nextId++, name: rnd.pick(variants) };
    // Filed again without the card.
    delete copy.cardNo;
    delete copy.level;
    // The copy starts buying later, taking part of the person's visits.
    const from = Math.min(original.until, original.from + Math.floor((original.until - original.from) / 2));
    return { original, copy: { customer: copy, from, until: original.until, rate: original.rate / 2 } };
  });
}

function visitDays(rnd: Random, person: Person, endDay: number): number[] {
  const span = Math.max(1, Math.min(person.until, endDay) - person.from + 1);
  // Everyone on file bought at least once, on the day they joined.
  const days = [person.from];
  const extra = rnd.poisson((person.rate * span) / 365.25);
  for (let k = 0; k < extra; k++) days.push(seasonalDay(rnd, person.from, Math.min(person.until, endDay)));
  return days;
}

/** A day in [from, until], drawn more often in the busy months. */
function seasonalDay(rnd: Random, from: number, until: number): number {
  for (;;) {
    const day = rnd.int(from, until);
    const weight = words.monthWeights[ymdFromDay(day).month - 1]!;
    if (rnd.next() * 1.6 < weight) return day;
  }
}
