/**
 * The store's care rules (domain.md §6, seed 004), as editable data: when cards go out, when to
 * phone, the SMS cycle, and what each tier gets. Customers without a tier use `none`.
 */
import { dayFromIso } from '../dates';
import { err, ok, type Result } from '../result';

export const careTiers = ['A', 'B', 'C', 'none'] as const;
export type CareTier = (typeof careTiers)[number];

export interface GiftRule {
  zh: string;
  en: string;
  /** Planned cost per gift, fen (what the week's budget adds up). */
  budgetFen: number;
}

export interface TierCare {
  /** Mail a card `cardDaysBefore` days before each occasion. */
  card: boolean;
  /** Phone on the day (in the call window) to greet and invite to collect the gift. */
  call: boolean;
  /** Greet by SMS on the day (tiers not phoned: the "required messages" only). */
  sms: boolean;
  /** A personal contact every week (A customers). */
  weekly: boolean;
  holidayGift: GiftRule | null;
  birthdayGift: GiftRule | null;
  /** What the tier gets in its birthday month (生日月权益), told on the birthday contact; null: nothing. */
  birthdayBenefit: BenefitText | null;
}

export interface BenefitText {
  zh: string;
  en: string;
}

export interface CareRules {
  cardDaysBefore: number;
  /** 'HH:MM', the day's phone window. */
  callFrom: string;
  callTo: string;
  smsEveryDays: number;
  /** 'YYYY-MM-DD': the SMS cycle runs every `smsEveryDays` days from here (before and after). */
  smsFrom: string;
  tiers: Record<CareTier, TierCare>;
}

// Seed 004: A holiday gift ≤ ¥25, birthday ≥ ¥125; B brochure + ¥100 voucher by mail, birthday ≥ ¥25;
// C a gift only with a full-price purchase, and no phone call without a gift to offer.
// Birthday-month benefits (issue 10) are not in the course: the defaults are a store's usual
// offer on top of the tier's discount, meant to be edited.
export const defaultCareRules: CareRules = {
  cardDaysBefore: 4,
  callFrom: '15:00',
  callTo: '16:00',
  smsEveryDays: 15,
  smsFrom: '2026-01-01',
  tiers: {
    A: {
      card: true,
      call: true,
      sms: false,
      weekly: true,
      holidayGift: { zh: '节日礼品（成本不超过 ¥25，电话通知到店领取）', en: 'Holiday gift (cost up to ¥25, collect in store)', budgetFen: 2_500 },
      birthdayGift: { zh: '生日礼品（不低于 ¥125，送货上门或到店领取）', en: 'Birthday gift (at least ¥125, delivered or collected)', budgetFen: 12_500 },
      birthdayBenefit: { zh: '生日当月消费双倍积分，另享九折', en: 'Birthday month: double points and a further 10 % off' },
    },
    B: {
      card: true,
      call: true,
      sms: false,
      weekly: false,
      holidayGift: { zh: '时尚资讯手册 + ¥100 礼金券（邮寄）', en: 'Fashion brochure + ¥100 voucher (by mail)', budgetFen: 10_000 },
      birthdayGift: { zh: '生日礼品（不低于 ¥25，到店领取）', en: 'Birthday gift (at least ¥25, collect in store)', budgetFen: 2_500 },
      birthdayBenefit: { zh: '生日当月另享九五折', en: 'Birthday month: a further 5 % off' },
    },
    C: { card: false, call: false, sms: true, weekly: false, holidayGift: null, birthdayGift: null, birthdayBenefit: null },
    // Before the first tier review: the card and the call, no gift.
    none: { card: true, call: true, sms: false, weekly: false, holidayGift: null, birthdayGift: null, birthdayBenefit: null },
  },
};

export type CareRulesError = { code: 'care.ruleInvalid'; field: string };

const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

export function validateCareRules(rules: CareRules): Result<CareRules, CareRulesError> {
  const bad = (field: string) => err({ code: 'care.ruleInvalid' as const, field });
  if (!isWhole(rules.cardDaysBefore, 0, 60)) return bad('cardDaysBefore');
  if (!isTime(rules.callFrom)) return bad('callFrom');
  if (!isTime(rules.callTo) || rules.callTo <= rules.callFrom) return bad('callTo');
  if (!isWhole(rules.smsEveryDays, 1, 365)) return bad('smsEveryDays');
  if (dayFromIso(rules.smsFrom) === null) return bad('smsFrom');
  for (const tier of careTiers) {
    const care = rules.tiers[tier];
    for (const gift of ['holidayGift', 'birthdayGift'] as const) {
      const g = care[gift];
      if (g && (!isWhole(g.budgetFen, 0, 100_000_000) || (g.zh.trim() === '' && g.en.trim() === ''))) return bad(`${tier}.${gift}`);
    }
    const b = care.birthdayBenefit;
    if (b && b.zh.trim() === '' && b.en.trim() === '') return bad(`${tier}.birthdayBenefit`);
  }
  return ok(rules);
}

/**
 * Rules saved before a field existed get its default (old rows have no `birthdayBenefit`): a
 * saved null (the store turned it off) stays null.
 */
export function withRuleDefaults(saved: CareRules): CareRules {
  const tiers = { ...saved.tiers };
  for (const tier of careTiers) {
    const care = tiers[tier] as TierCare & { birthdayBenefit?: BenefitText | null };
    if (care.birthdayBenefit === undefined) tiers[tier] = { ...care, birthdayBenefit: structuredClone(defaultCareRules.tiers[tier].birthdayBenefit) };
  }
  return { ...saved, tiers };
}
