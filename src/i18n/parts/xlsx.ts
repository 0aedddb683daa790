import { part } from './part';

/** Reading .xlsx workbooks in every import: what the preview says, and why a workbook is refused. */
export const xlsxMessages = part({
  zh: {
    'xlsx.detected': 'Excel 工作簿（.xlsx），工作表“{sheet}”，表头在第 {line} 行',
    'xlsx.detectedOf': 'Excel 工作簿（.xlsx），共 {count} 个工作表，读取了第一个有内容的“{sheet}”，表头在第 {line} 行',
    'errors.file.xls': '这是旧版 Excel 工作簿（.xls），无法直接读取。请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入。',
    'errors.file.encrypted': '这个工作簿设置了打开密码，内容已加密，无法读取。请在 Excel 中去掉密码后另存为 .xlsx（或 CSV），再导入。',
    'errors.file.xlsxDamaged': '这个 .xlsx 文件已损坏或不完整，无法读取。请在 Excel 中打开后重新保存，或另存为 CSV。',
    'errors.file.notWorkbook': '这是一个压缩文件（zip），但不是 Excel 工作簿。请选择 .xlsx 或 CSV 文件。',
    'errors.file.xlsxEmpty': '这个工作簿的所有工作表都是空的，没有可导入的内容。',
  },
  en: {
    'xlsx.detected': 'Excel workbook (.xlsx), sheet “{sheet}”, header on row {line}',
    'xlsx.detectedOf': 'Excel workbook (.xlsx) with {count} sheets: read the first one holding anything, “{sheet}”, header on row {line}',
    'errors.file.xls': 'This is an old Excel 97–2003 workbook (.xls), which cannot be read directly. In Excel or WPS, use “Save as” .xlsx or CSV, then import that file.',
    'errors.file.encrypted': 'This workbook is protected with an opening password, so its content is encrypted and cannot be read. Remove the password in Excel, save it as .xlsx (or CSV), then import it.',
    'errors.file.xlsxDamaged': 'This .xlsx file is damaged or incomplete and cannot be read. Open it in Excel and save it again, or save it as CSV.',
    'errors.file.notWorkbook': 'This is a zip archive but not an Excel workbook. Choose an .xlsx or CSV file.',
    'errors.file.xlsxEmpty': 'Every sheet of this workbook is empty: there is nothing to import.',
  },
});
