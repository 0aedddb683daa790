import { part } from './part';

/**
 * Import checks against wrong values stored without a word (issue 16): encodings no one can read,
 * files and cells past the limits, suspicious values, hidden characters in names.
 */
export const importChecksMessages = part({
  zh: {
    'errors.file.unknownEncoding': '无法识别这个文件的编码（已尝试 {tried}，读出来都是乱码）。请在 Excel 或 WPS 中“另存为”CSV（UTF-8）或 CSV（GBK）后再导入。',
    'errors.file.lineTooLong': '第 {line} 行长达 {length} 个字符，超过上限 {limit}，不像是表格数据。请检查文件是否选错，或在 Excel 中打开后另存为 CSV。',
    'errors.file.xlsxTooLarge': '这个工作簿解压后有 {size} MB，超过上限 {limit} MB（可能是“压缩炸弹”），未读取。请只保留要导入的工作表，或分成几个文件。',
    'errors.file.xlsxRatio': '这个工作簿解压后是压缩包的 {ratio} 倍，超过 {limit} 倍（正常表格约 5–20 倍，可能是“压缩炸弹”），未读取。请在 Excel 中打开后另存为 CSV 再导入。',
    'errors.cell.tooLong': '这一格超过 1000 个字，整行未导入。请在表格中删短后重新导入。',
    'errors.number.overflow': '数量 × 单价大到无法计算，此行未导入。请检查数量和单价。',
    'errors.amount.huge': '单行金额超过 1000 万元，请确认不是多打了位数',
    'errors.quantity.huge': '数量超过 10 万件，请确认不是把编号或金额填进了数量列',
    'errors.date.future': '购买日期晚于今天：请在下方“日期晚于今天”一项选择保留或排除',
    'errors.birthday.future': '生日晚于今天，不保存这个生日',
    'errors.row.repeated': '与前面一行一模一样（“值”一栏是那一行的行号），疑似重复录入；可在下方“完全相同的行”一项选择排除',
    'errors.text.invisibleRemoved': '含有隐藏字符（零宽字符或文字方向控制符），已删除后保存',
    'errors.name.lookAlike': '去掉隐藏字符后与本文件中另一位顾客同名（括号内是其行号），疑似同一人，请核对',
    'import.severity.kept': '已导入，请核对',
    'import.class.futureDate': '日期晚于今天的购买行',
    'import.class.repeated': '与前面一行完全相同的行（疑似重复）',
  },
  en: {
    'errors.file.unknownEncoding': 'The encoding of this file is not recognised (tried {tried}; each gave garbled text). In Excel or WPS, save it as CSV (UTF-8) or CSV (GBK), then import that file.',
    'errors.file.lineTooLong': 'Line {line} is {length} characters long, over the limit of {limit}: this is not table data. Check that this is the right file, or open it in Excel and save it as CSV.',
    'errors.file.xlsxTooLarge': 'This workbook unpacks to {size} MB, over the limit of {limit} MB (possibly a "zip bomb"), so it was not read. Keep only the sheet to import, or split it into several files.',
    'errors.file.xlsxRatio': 'This workbook unpacks to {ratio} times its packed size, over the limit of {limit} (real sheets are 5–20 times; possibly a "zip bomb"), so it was not read. Open it in Excel and save it as CSV, then import that.',
    'errors.cell.tooLong': 'This cell holds more than 1,000 characters: the row was not imported. Shorten it in the sheet and import again.',
    'errors.number.overflow': 'Quantity × unit price is too large to compute: the row was not imported. Check the quantity and the price.',
    'errors.amount.huge': 'The line amount is over ¥10,000,000: check no digits were added by mistake',
    'errors.quantity.huge': 'The quantity is over 100,000: check that no code or amount landed in the quantity column',
    'errors.date.future': 'Purchase date after today: keep or exclude these lines under "Dated after today" below',
    'errors.birthday.future': 'Birthday after today: this birthday is not stored',
    'errors.row.repeated': 'Exactly the same as an earlier row (its line number is the value): a suspected duplicate; exclude these under "Lines exactly like an earlier one" below',
    'errors.text.invisibleRemoved': 'Hidden characters (zero-width or text-direction controls) were removed before storing',
    'errors.name.lookAlike': 'Once hidden characters are removed, this name equals another customer in this file (line in brackets): possibly the same person, check',
    'import.severity.kept': 'imported: check it',
    'import.class.futureDate': 'Lines dated after today',
    'import.class.repeated': 'Lines exactly like an earlier one (suspected duplicates)',
  },
});
