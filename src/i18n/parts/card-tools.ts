import { part } from './part';

/** The tools on a card (issue 18): each chart's small menu, money axes, the KPI board's edit mode. */
export const cardToolsMessages = part({
  zh: {
    'chartMenu.for': '图表操作：{title}',
    'chartMenu.showTable': '以表格查看',
    'chartMenu.hideTable': '收起表格',
    'chartMenu.yuanAxis': '{name}（元）',
    'kpiEdit.edit': '编辑目标',
    'kpiEdit.save': '保存目标',
    'kpiEdit.cancel': '取消',
    'kpiEdit.hint': '改好目标、警戒线、统计期间和概览页显示后点“保存目标”，一次全部保存；“取消”放弃本次所有改动。',
    'kpiEdit.saved': '已保存：{names}。',
    'kpiEdit.unchanged': '没有改动，无需保存。',
    'kpiEdit.bad': '{name}的{field}填的是“{raw}”，不是有效数字（请填 0 或以上的数，不设则留空）。',
    'kpiEdit.notSaved': '以下内容有误，所有改动都未保存：',
    'kpiEdit.front': '显示在概览页',
    'kpiEdit.colon': '：',
  },
  en: {
    'chartMenu.for': 'Chart options: {title}',
    'chartMenu.showTable': 'Show as a table',
    'chartMenu.hideTable': 'Hide the table',
    'chartMenu.yuanAxis': '{name} (¥)',
    'kpiEdit.edit': 'Edit targets',
    'kpiEdit.save': 'Save targets',
    'kpiEdit.cancel': 'Cancel',
    'kpiEdit.hint': 'Change targets, alert lines, periods and what the Overview shows, then “Save targets” stores them all at once; “Cancel” drops every change.',
    'kpiEdit.saved': 'Saved: {names}.',
    'kpiEdit.unchanged': 'Nothing was changed.',
    'kpiEdit.bad': '{field} for {name} is “{raw}”, not a valid number (0 or more; leave it empty for none).',
    'kpiEdit.notSaved': 'Nothing was saved; please correct:',
    'kpiEdit.front': 'On the Overview',
    'kpiEdit.colon': ': ',
  },
});
