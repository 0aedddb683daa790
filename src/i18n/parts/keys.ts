import { part } from './part';

/**
 * Rows that name a customer without the match key, and purchase lines naming a customer nobody
 * has (issue 15 §1): the import's choices and counts, and what screens needing linked purchases
 * say when they have none.
 */
export const keysMessages = part({
  zh: {
    'keys.keyless.legend': '有姓名但没有{key}的行',
    'keys.keyless.count': '文件中有 {count} 位客户没有{key}、会员卡号或客户编号。',
    'keys.keyless.create': '建档：按姓名新建客户档案（同名的行算同一位客户），在数据质量中标出',
    'keys.keyless.fail': '不导入：记为失败行，写进失败明细',
    'keys.unknown.legend': '购买记录的{key}在客户档案中找不到时',
    'keys.unknown.count': '{lines} 行购买记录的{key}（{refs} 个）在客户档案中找不到。',
    'keys.unknown.none': '每一行购买记录的{key}都能在客户档案或本文件中找到。',
    'keys.unknown.create': '建档：为每个{key}新建一位客户（只有{key}，其余资料待补），购买记录归到名下',
    'keys.unknown.unlinked': '不建档：这些购买记录保持“未关联客户”',
    'keys.res.keyless': '按姓名建档的客户（无{key}）',
    'keys.res.keylessFailed': '没有{key}的失败行（按选择未导入）',
    'keys.res.unknownCreated': '按购买记录新建的客户（{refs} 个编号）',
    'keys.res.unknownUnlinked': '未关联客户的购买行（{refs} 个编号找不到）',
    'keys.unlinked': '{lines} 行购买记录没有关联到客户，所以这里是空的：按购买记录上的客户编号（或手机号）建档并关联，或先导入客户资料再关联。',
    'keys.unlinked.import': '导入客户资料',
    'keys.link': '按购买记录建档并关联',
    'keys.linked': '已关联 {lines} 行购买记录，新建客户 {customers} 位。',
    'keys.effect.keyless': '已导入（按姓名建档）',
    'quality.keyless': '没有手机号、会员卡号和客户编号的客户',
    'quality.keylessExplain': '这些客户是按姓名建档的，再次导入时无法按识别字段匹配：请补上手机号或卡号。',
    'errors.customer.keyless': '没有手机号、会员卡号或客户编号：已按姓名建档（同名的行算同一位客户）',
  },
  en: {
    'keys.keyless.legend': 'Rows with a name but no {key}',
    'keys.keyless.count': '{count} customers in the file have no {key}, card no. or customer id.',
    'keys.keyless.create': 'File them: a new customer by name (rows with the same name are one customer), marked in data quality',
    'keys.keyless.fail': 'Do not import them: failed rows, listed in the failed-rows report',
    'keys.unknown.legend': 'When a purchase line’s {key} is not in the customer file',
    'keys.unknown.count': '{lines} purchase lines name a {key} ({refs} of them) that is not in the customer file.',
    'keys.unknown.none': 'Every purchase line’s {key} is in the customer file or in this file.',
    'keys.unknown.create': 'File them: a new customer for each {key} (only the {key}, the rest to fill in), the lines theirs',
    'keys.unknown.unlinked': 'Do not file them: the lines stay “not linked to a customer”',
    'keys.res.keyless': 'Customers filed by name (no {key})',
    'keys.res.keylessFailed': 'Rows without a {key}, failed as chosen',
    'keys.res.unknownCreated': 'Customers filed from purchase lines ({refs} ids)',
    'keys.res.unknownUnlinked': 'Lines not linked to a customer ({refs} ids not found)',
    'keys.unlinked': '{lines} purchase lines are not linked to a customer, so this is empty: create the customers they name (by the id or phone on each line) and link them, or import a customer file first, then link.',
    'keys.unlinked.import': 'Import a customer file',
    'keys.link': 'Create the customers they name and link',
    'keys.linked': 'Linked {lines} purchase lines; {customers} new customers.',
    'keys.effect.keyless': 'imported, filed by name',
    'quality.keyless': 'Customers with no phone, card no. or customer id',
    'quality.keylessExplain': 'They were filed by name and cannot be matched by a later import: add a phone or card no.',
    'errors.customer.keyless': 'no phone, card no. or customer id: filed by name (rows with the same name are one customer)',
  },
});
