import { part } from './part';

// Screens that look customers up in the worker or through an index instead of loading the whole file (issue 17).
export const lookupMessages = part({
  zh: {
    'quality.reading': '正在读取客户资料…',
    'lookup.customerHint': '输入姓名、手机号、卡号或客户编号查找会员；不是会员就直接写姓名',
  },
  en: {
    'quality.reading': 'Reading the customer file…',
    'lookup.customerHint': 'Type a name, phone, card no. or customer id to find the file; for someone without one, just write the name',
  },
});
