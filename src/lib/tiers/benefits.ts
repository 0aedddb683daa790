/** Benefits by tier (domain.md §6, seed 004's example). Amounts in fen; null = not offered. */
import type { Tier } from './rules';

export interface Localized {
  zh: string;
  en: string;
}

export interface TierBenefit {
  tier: Tier;
  /** Member discount off the list price, in percent. */
  discountPercent: number | null;
  card: Localized | null;
  /** Holiday gift cost cap (A). */
  holidayGiftMaxFen: number | null;
  /** Voucher mailed with the holiday brochure (B). */
  holidayVoucherFen: number | null;
  /** Birthday gift worth at least this much. */
  birthdayGiftMinFen: number | null;
  /** The same benefits as lines for a card or a sheet. */
  lines: Localized[];
}

export const tierBenefits: Record<Tier, TierBenefit> = {
  A: {
    tier: 'A',
    discountPercent: 20,
    card: { zh: '金钻卡', en: 'Gold Diamond card' },
    holidayGiftMaxFen: 2_500,
    holidayVoucherFen: null,
    birthdayGiftMinFen: 12_500,
    lines: [
      { zh: '金钻卡，全场八折', en: 'Gold Diamond card: 20 % off' },
      { zh: '节日礼品（成本不超过 ¥25）', en: 'Holiday gift (cost up to ¥25)' },
      { zh: '生日礼品（不低于 ¥125）', en: 'Birthday gift (at least ¥125)' },
    ],
  },
  B: {
    tier: 'B',
    discountPercent: 15,
    card: { zh: '金卡', en: 'Gold card' },
    holidayGiftMaxFen: null,
    holidayVoucherFen: 10_000,
    birthdayGiftMinFen: 2_500,
    lines: [
      { zh: '金卡，全场八五折', en: 'Gold card: 15 % off' },
      { zh: '节日邮寄宣传册及 ¥100 代金券', en: 'Holiday brochure and ¥100 voucher by mail' },
      { zh: '生日礼品（不低于 ¥25）', en: 'Birthday gift (at least ¥25)' },
    ],
  },
  C: {
    tier: 'C',
    discountPercent: null,
    card: null,
    holidayGiftMaxFen: null,
    holidayVoucherFen: null,
    birthdayGiftMinFen: null,
    lines: [{ zh: '购买正价商品赠送礼品', en: 'A gift with any full-price purchase' }],
  },
};
