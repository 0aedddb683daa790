/** One customer as the needs rules see it (lib/needs/rules): file fields plus purchase behaviour. */
import { readLunarBirthday, type LunarCalendar } from '../care/occasions';
import type { Customer } from '../customers/customer';
import { isoFromDay } from '../dates';
import { ageOn, type Facts } from './rules';

export interface Behaviour {
  /** fen */
  amount: number;
  orders: number;
  lastDay: number;
  /** 0–1 */
  premiumShare: number;
}

/** The solar day of a lunar date (lib/care/lunar lunarDayIn, loaded lazily by the screen). */
export type LunarToSolar = LunarCalendar['lunarDay'];

/**
 * The birth date as a solar YYYY-MM-DD: a 农历 birthday through the lunar calendar when it is
 * given; without it the lunar date stands in (an age then off by one at most, near the birthday).
 */
export function solarBirthday(c: Pick<Customer, 'birthday' | 'birthdayLunar' | 'birthdayLeap'>, toSolar?: LunarToSolar): string | undefined {
  if (!c.birthdayLunar || !toSolar) return c.birthday;
  const b = readLunarBirthday(c.birthday);
  const day = b ? toSolar(b.year, b.month, b.day, c.birthdayLeap === true) : null;
  return day === null ? c.birthday : isoFromDay(day);
}

// A screen asks for 100,000 customers' facts on the same day: the day's text is made once.
let lastDay = Number.NaN;
let lastIso = '';
const isoOf = (day: number) => (day === lastDay ? lastIso : ((lastDay = day), (lastIso = isoFromDay(day))));

/** `behaviour` undefined: never bought (amount, orders… unknown rather than 0, so "amount < 100" leaves them out). */
export function customerFacts(c: Customer, behaviour: Behaviour | undefined, grade: string | undefined, today: number, toSolar?: LunarToSolar): Facts {
  const facts: Facts = {};
  for (const f of ['type', 'channel', 'customerClass', 'gender', 'level', 'region', 'size', 'favouriteColour', 'favouriteStyle', 'favouriteLook'] as const) {
    const v = c[f];
    if (v !== undefined && v !== '') facts[f] = v;
  }
  const age = c.birthday ? ageOn(solarBirthday(c, toSolar), isoOf(today)) : null;
  if (age !== null) facts.age = age;
  if (grade) facts.grade = grade;
  if (behaviour) {
    facts.amount = behaviour.amount / 100;
    facts.orders = behaviour.orders;
    facts.daysSinceLast = today - behaviour.lastDay;
    facts.premiumShare = Math.round(behaviour.premiumShare * 1000) / 10;
  }
  return facts;
}
