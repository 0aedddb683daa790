import { part } from './part';

/** File shapes the importer reads or refuses (issues 15 and 16): blank-separated, fixed-width and Markdown text, files with no header row, web pages and XML saved as .xls. */
export const formatsMessages = part({
  zh: {
    'delimiter.blanks': '空格或制表符（连续空白分列）',
    'delimiter.fixed': '固定列宽',
    'delimiter.markdown': '文本表格（竖线 | 分列）',
    'import.detectedNoHeader': '编码 {encoding}，分隔符 {delimiter}，没有表头行：各列按顺序叫 1、2、3……，对应的字段是按内容猜的，请逐列核对',
    'import.headerRow.none': '没有表头（第 1 行就是数据）',
    'errors.file.html': '这是网页文件（网页中的表格），只是扩展名是 .xls 或 .csv，无法直接读取。请用 Excel 或 WPS 打开，“另存为” .xlsx 或 CSV 后再导入。',
    'errors.file.xmlSpreadsheet': '这是 Excel 2003 的网页格式表格，只是扩展名是 .xls 或 .csv，无法直接读取。请用 Excel 或 WPS 打开，“另存为” .xlsx 或 CSV 后再导入。',
    'errors.row.nul': '此行含有空字符（NUL），文件可能在这里损坏了，整行没有导入',
  },
  en: {
    'delimiter.blanks': 'spaces or tabs (runs of blanks)',
    'delimiter.fixed': 'fixed-width columns',
    'delimiter.markdown': 'Markdown table (pipes)',
    'import.detectedNoHeader': 'Encoding {encoding}, delimiter {delimiter}, no header row: the columns are named 1, 2, 3… and their fields guessed from what they hold; check each one',
    'import.headerRow.none': 'No header row (data from line 1)',
    'errors.file.html': 'This is a web page (an HTML table) with an .xls or .csv name, which cannot be read directly. Open it in Excel or WPS, use “Save as” .xlsx or CSV, then import that file.',
    'errors.file.xmlSpreadsheet': 'This is an Excel 2003 XML spreadsheet with an .xls or .csv name, which cannot be read directly. Open it in Excel or WPS, use “Save as” .xlsx or CSV, then import that file.',
    'errors.row.nul': 'this row holds a NUL character: the file may be damaged here, so the whole row was left out',
  },
});
