/** The shop's own key columns in per-customer exports, and re-importing them (issue 15 §2). */
import { part } from './part';

export const exportKeysMessages = part({
  zh: {
    'exportKeys.col.customerId': '客户编号',
    'exportKeys.col.cardNo': '卡号',
    'exportKeys.col.phone': '手机',
    'exportKeys.col.name': '姓名',
    'exportKeys.col.keqingId': '客情编号',
    'exportKeys.rfm.monetary': 'RFM 金额（元）',
    'exportKeys.rfm.segment': 'RFM 细分',
    'exportKeys.tier': '门店等级',
    'exportKeys.list.amount': '累计消费（元）',
    'field.keqingId': '客情编号（本系统）',
    'import.matchKey.keqingId': '客情编号（本系统导出的文件）',
    'errors.phone.masked': '手机号已隐藏（如 138****1234），不导入，按客户编号、卡号或客情编号匹配',
  },
  en: {
    'exportKeys.col.customerId': 'Customer ID',
    'exportKeys.col.cardNo': 'Card no.',
    'exportKeys.col.phone': 'Phone',
    'exportKeys.col.name': 'Name',
    'exportKeys.col.keqingId': 'Keqing no.',
    'exportKeys.rfm.monetary': 'Monetary (yuan)',
    'exportKeys.rfm.segment': 'RFM segment',
    'exportKeys.tier': 'Store tier',
    'exportKeys.list.amount': 'Spend (yuan)',
    'field.keqingId': 'Keqing no. (this app)',
    'import.matchKey.keqingId': 'Keqing no. (files exported by this app)',
    'errors.phone.masked': 'masked phone (like 138****1234): not imported; matched on the customer ID, card no. or Keqing no.',
  },
});
