/**
 * What to do with each segment this week: the default suggestions (a shop edits its own, kept in
 * settings). Keyed by rule id, so every preset that uses a segment id shares its suggestion.
 */
import type { SegmentName } from './segments';

export const defaultActions: Record<string, SegmentName> = {
  'important-value': { zh: '店长或专属导购一对一维护，新品先约到店，请他们介绍朋友。', en: 'A named rep looks after them one to one, previews new items first, asks for referrals.' },
  'important-develop': { zh: '推荐办会员、积分加倍和搭配商品，让他们多来几次。', en: 'Offer membership, double points and matching items so they come more often.' },
  'important-keep': { zh: '导购本周电话问候，了解近况，邀请到店领礼品。', en: 'The rep calls this week, asks how they are, invites them in for a gift.' },
  'important-win-back': { zh: '店长亲自联系，问清不来的原因，送有分量的回店礼。', en: 'The manager calls, finds out why they stopped, offers a real welcome-back gift.' },
  'general-value': { zh: '推荐高一档的商品和搭配套装，提高客单价。', en: 'Suggest the next price level and matching sets to raise the order value.' },
  'general-develop': { zh: '三天内回访，介绍积分和售后，送一张下次到店优惠券。', en: 'Call within three days, explain points and service, give a voucher for the next visit.' },
  'general-keep': { zh: '发新品和优惠短信，提醒到店。', en: 'Send new arrivals and offers by SMS to bring them in.' },
  'general-win-back': { zh: '只发必要的节日短信，控制维护成本。', en: 'Only the required holiday messages; keep the cost low.' },
  champions: { zh: '亲自致谢，邀请参加新品预览，请他们推荐朋友。', en: 'Thank them in person, invite them to previews, ask for referrals.' },
  'potential-loyalist': { zh: '推荐会员升级和搭配商品，保持每月联系。', en: 'Offer a membership upgrade and matching items; keep in touch monthly.' },
  'loyal-customers': { zh: '生日和节日关怀，按喜好推荐新款。', en: 'Birthday and holiday care; suggest new items they will like.' },
  loyal: { zh: '生日和节日关怀，按喜好推荐新款。', en: 'Birthday and holiday care; suggest new items they will like.' },
  promising: { zh: '回访第一次购买的体验，送一张下次到店优惠券。', en: 'Follow up on their first purchase; give a voucher for the next visit.' },
  'new-customers': { zh: '三天内电话回访，介绍会员积分和售后服务。', en: 'Call within three days; explain points and after-sales service.' },
  new: { zh: '三天内电话回访，介绍会员积分和售后服务。', en: 'Call within three days; explain points and after-sales service.' },
  recent: { zh: '三天内电话回访，介绍会员积分和售后服务。', en: 'Call within three days; explain points and after-sales service.' },
  'cant-lose-them': { zh: '店长亲自联系，了解原因，送有分量的礼物。', en: 'The manager calls, finds out why they stopped, offers a real gift.' },
  'cant-lose': { zh: '店长亲自联系，了解原因，送有分量的礼物。', en: 'The manager calls, finds out why they stopped, offers a real gift.' },
  'at-risk': { zh: '本周电话联系，邀请到店领取礼品。', en: 'Call this week and invite them in to collect a gift.' },
  'need-attention': { zh: '发送新品信息和限时优惠。', en: 'Send new arrivals and a limited-time offer.' },
  'needs-attention': { zh: '发送新品信息和限时优惠。', en: 'Send new arrivals and a limited-time offer.' },
  'about-to-sleep': { zh: '短信提醒，推荐热卖款。', en: 'Send an SMS reminder with best sellers.' },
  hibernating: { zh: '只发必要的节日信息。', en: 'Only the required holiday messages.' },
  inactive: { zh: '只发必要的节日信息。', en: 'Only the required holiday messages.' },
  lost: { zh: '只发必要的节日信息；一年未购买的转入流失名录。', en: 'Only the required messages; after a year without purchase, move to the churned list.' },
  others: { zh: '', en: '' },
};

/** The suggestion shown for a segment: the shop's own text, else the default, in the UI language. */
export function actionFor(segment: string, own: Record<string, string>, locale: 'zh' | 'en'): string {
  return own[segment] ?? defaultActions[segment]?.[locale] ?? '';
}
