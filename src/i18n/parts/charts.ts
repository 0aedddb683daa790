import { part } from './part';

export const chartsMessages = part({
  zh: {
    'charts.png': '下载图片（PNG）',
    'charts.table': '以表格查看：{title}',
    'charts.failed': '图表无法绘制；下面的表格列出了同样的数字。',
  },
  en: {
    'charts.png': 'Download image (PNG)',
    'charts.table': 'Show as a table: {title}',
    'charts.failed': 'The chart could not be drawn; the table below has the same numbers.',
  },
});
