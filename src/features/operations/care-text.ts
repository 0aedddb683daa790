/** Words for care tasks, shared by the table, the gift sheet, the CSV and the .ics. */
import { i18n, t } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/keys';
import type { BenefitText, CareRules, CareTask, CareTier, GiftRule, Occasion } from '../../lib/care';
import { isoFromDay } from '../../lib/dates';

export const occasionName = (o: Occasion) => (o.kind === 'store' ? (o.name ?? '') : o.lunar ? t('operations.care.occasion.lunarBirthday') : t(`operations.care.occasion.${o.kind}` as MessageKey));
export const channelName = (channel: CareTask['channel']) => t(`operations.care.channel.${channel}` as MessageKey);
export const tierName = (tier: CareTier) => t(`operations.care.tier.${tier}` as MessageKey);
export const giftText = (g: GiftRule | BenefitText) => (i18n.locale === 'zh' ? g.zh || g.en : g.en || g.zh);
/** A birthday task's tier benefit, as a line for the table, the sheet and the exports. */
export const benefitText = (task: CareTask) => (task.benefit ? giftText(task.benefit) : '');

/** The weekday and date, e.g. "周五 11-27". */
export function dayLabel(day: number): string {
  const date = new Date(day * 86_400_000);
  const weekday = new Intl.DateTimeFormat(i18n.tag, { weekday: 'short', timeZone: 'UTC' }).format(date);
  return `${weekday} ${isoFromDay(day).slice(5)}`;
}

export function whyText(task: CareTask, rules: CareRules): string {
  if (task.reason === 'weekly') return t('operations.care.why.weekly');
  if (task.reason === 'smsCycle') return t('operations.care.why.smsCycle', { every: rules.smsEveryDays, count: task.count ?? 0 });
  if (task.reason === 'dormantSoon') return t('operations.care.why.dormantSoon');
  if (task.reason === 'lostSoon') return t('operations.care.why.lostSoon');
  const o = task.occasion!;
  const params = { occasion: occasionName(o), date: isoFromDay(o.day) };
  if (task.channel === 'card') return t('operations.care.why.card', params);
  if (task.channel === 'call') return t(task.gift ? 'operations.care.why.call' : 'operations.care.why.callNoGift', { ...params, from: rules.callFrom, to: rules.callTo });
  if (task.customerId === null) return t('operations.care.why.smsGroup', { ...params, count: task.count ?? 0 });
  return t('operations.care.why.sms', params);
}
