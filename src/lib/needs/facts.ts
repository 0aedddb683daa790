/** One customer as the needs rules see it (lib/needs/rules): file fields plus purchase behaviour. */
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

/** `behaviour` undefined: never bought (amount, orders… unknown rather than 0, so "amount < 100" leaves them out). */
export function customerFacts(c: Customer, behaviour: Behaviour | undefined, grade: string | undefined, today: number): Facts {
  const facts: Facts = {};
  for (const f of ['type', 'channel', 'customerClass', 'gender', 'level', 'region', 'size', 'favouriteColour', 'favouriteStyle', 'favouriteLook'] as const) {
    const v = c[f];
    if (v !== undefined && v !== '') facts[f] = v;
  }
  const age = ageOn(c.birthday, isoFromDay(today));
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
